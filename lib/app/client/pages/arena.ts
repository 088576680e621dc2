/// <reference lib="dom" />
/**
 * The Arena page of a judged pairwise benchmark (`arena_hard`, `general_arena`): win rate per
 * pair with its bootstrap interval, the run's leaderboard, and the battles — each sample's two
 * games, the seats the judge saw and its verdict labels — linked to the samples.
 *
 * @module
 */
import type { ArenaBattleView, ArenaView } from "../../server/arena.ts";
import { api, errorBox, escape, href, type PageContext, tl } from "../dom.ts";

const pct = (x: number | null) => x === null ? "–" : (x * 100).toFixed(1);

/** Renders `?id=&model=&benchmark=`. */
export async function arenaPage(ctx: PageContext): Promise<void> {
  const { root, t, params } = ctx;
  const id = params.get("id") ?? "";
  const model = params.get("model") ?? "";
  const benchmark = params.get("benchmark") ?? "";
  let view: ArenaView;
  try {
    view = await api("/api/eval/arena", { id, model, benchmark });
  } catch (e) {
    root.innerHTML = errorBox(t, e);
    return;
  }
  if (!ctx.alive()) return;
  const subsetRows = view.subsets.map((s) =>
    `<tr><td>${escape(s.name)}</td><td class="num">${s.num}</td><td class="num">${
      pct(s.winrate)
    }</td><td class="num">${pct(s.lower)} – ${pct(s.upper)}</td></tr>`
  ).join("");
  const game = (g: ArenaBattleView["games"][number]) =>
    `<span class="muted small">A ${escape(g.modelA)} · B ${
      escape(g.modelB)
    }</span> <code class="verdict">${escape(g.judgment ?? "–")}</code>`;
  const battleRows = view.battles.map((b) => {
    const link = href("predictions", {
      id,
      model,
      benchmark,
      subset: b.subset,
      q: String(b.index),
    });
    const games = b.games.length > 0
      ? b.games.map((g, i) => `<td data-game="${i + 1}">${game(g)}</td>`).join("")
      : `<td colspan="2" class="muted">${tl(t, "arena.judgeError")}</td>`;
    return `<tr class="battle"><td>${escape(b.subset)}</td><td><a href="${
      escape(link)
    }">#${b.index}</a></td><td>${escape(b.question)}</td>${games}<td class="num">${
      b.score === null ? "–" : b.score.toFixed(2)
    }</td></tr>`;
  }).join("");
  root.innerHTML = `<h1>${escape(benchmark)} <span class="muted small">${escape(model)} · ${
    tl(t, "arena.title")
  }</span></h1><p><a href="${escape(href("eval", { id, model }))}">← ${
    tl(t, "report.overview")
  }</a></p>
<table class="arena-subsets"><thead><tr><th>${tl(t, "arena.pair")}</th><th>${
    tl(t, "report.samples")
  }</th><th>${tl(t, "arena.winrate")}</th><th>${
    tl(t, "arena.ci")
  }</th></tr></thead><tbody>${subsetRows}</tbody></table>${
    view.leaderboard === null
      ? ""
      : `<h2>${tl(t, "arena.leaderboard")}</h2><pre class="arena-leaderboard">${
        escape(view.leaderboard)
      }</pre>`
  }<h2>${tl(t, "arena.battles")}</h2><p class="muted">${
    tl(t, "arena.shown", { shown: view.battles.length, total: view.total })
  }</p><table class="arena-battles"><thead><tr><th>${tl(t, "arena.pair")}</th><th>#</th><th>${
    tl(t, "arena.question")
  }</th><th>${tl(t, "arena.game", { n: 1 })}</th><th>${tl(t, "arena.game", { n: 2 })}</th><th>${
    tl(t, "arena.score")
  }</th></tr></thead><tbody>${battleRows}</tbody></table>`;
}
