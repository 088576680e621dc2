import assert from "node:assert/strict";
import { candidatePreference, DECISIVE_WEIGHT, gameBattle, questionBattles } from "./battles.ts";

Deno.test("gameBattle() weighs decisive verdicts 3, slight ones and ties 1, and drops the rest", () => {
  const game = (judgment: string | null) => ({ modelA: "base", modelB: "cand", judgment });
  assert.deepEqual(gameBattle(game("A>>B")), {
    a: "base",
    b: "cand",
    winner: "a",
    weight: DECISIVE_WEIGHT,
  });
  assert.deepEqual(gameBattle(game("A>B")), { a: "base", b: "cand", winner: "a", weight: 1 });
  assert.deepEqual(gameBattle(game("A=B")), { a: "base", b: "cand", winner: "tie", weight: 1 });
  assert.deepEqual(gameBattle(game("B>A")), { a: "base", b: "cand", winner: "b", weight: 1 });
  assert.deepEqual(gameBattle(game("B>>A")), { a: "base", b: "cand", winner: "b", weight: 3 });
  assert.equal(gameBattle(game("AB")), null);
  assert.equal(gameBattle(game("A<B")), null);
  assert.equal(gameBattle(game(null)), null);
});

Deno.test("questionBattles() keeps each game's seats: the candidate wins in B, then in A after the swap", () => {
  const battles = questionBattles([
    { modelA: "base", modelB: "cand", judgment: "B>A" },
    { modelA: "cand", modelB: "base", judgment: "A>>B" },
    { modelA: "cand", modelB: "base", judgment: null },
  ]);
  assert.deepEqual(battles, [
    { a: "base", b: "cand", winner: "b", weight: 1 },
    { a: "cand", b: "base", winner: "a", weight: 3 },
  ]);
});

Deno.test("candidatePreference() scores the candidate's side of each verdict on 0..1", () => {
  const games = [
    { modelA: "cand", modelB: "base", judgment: "A>B" },
    { modelA: "base", modelB: "cand", judgment: "A>>B" },
  ];
  assert.equal(candidatePreference(games, "cand"), (0.75 + 0) / 2);
  assert.equal(
    candidatePreference([{ modelA: "cand", modelB: "base", judgment: null }], "cand"),
    0.5,
  );
});
