import assert from "node:assert/strict";
import {
  estimateMean,
  groupMeans,
  standardError,
  tCdf,
  tQuantile,
  wilsonInterval,
} from "./stats.ts";

const close = (a: number, b: number, eps = 1e-4) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

Deno.test("tQuantile() matches Student-t tables", () => {
  close(tQuantile(0.975, 1), 12.7062);
  close(tQuantile(0.975, 4), 2.7764);
  close(tQuantile(0.975, 29), 2.0452);
  close(tQuantile(0.975, 1000), 1.9623);
  close(tQuantile(0.025, 4), -2.7764);
  close(tCdf(0, 7), 0.5);
});

Deno.test("wilsonInterval() gives the textbook interval and stays inside [0, 1]", () => {
  const [a, b] = wilsonInterval(2, 5);
  close(a, 0.1176);
  close(b, 0.7693);
  const [lo, hi] = wilsonInterval(0, 5);
  assert.equal(lo, 0);
  close(hi, 0.4345);
  assert.equal(wilsonInterval(5, 5)[1], 1);
});

Deno.test("standardError() uses the n−1 sample variance", () => {
  close(standardError([1, 0, 1, 0]), Math.sqrt(1 / 3 / 4));
  assert.equal(standardError([1]), 0);
});

Deno.test("estimateMean() uses Wilson for plain 0/1 scores and a t interval otherwise", () => {
  const bin = estimateMean([1, 1, 0, 0, 0]);
  assert.equal(bin.ciMethod, "wilson");
  close(bin.mean, 0.4);
  const cont = estimateMean([0.2, 0.4, 0.6]);
  assert.equal(cont.ciMethod, "t");
  close(cont.ci95[0], Math.max(0, 0.4 - 4.3027 * 0.11547));
});

Deno.test("estimateMean() clusters repeated attempts by group", () => {
  // 3 items × 2 attempts: the uncertainty comes from 3 item means, not 6 attempts
  const values = [1, 1, 0, 0, 1, 0];
  const groups = [0, 0, 1, 1, 2, 2];
  const est = estimateMean(values, { groups });
  assert.equal(est.n, 6);
  assert.equal(est.clusters, 3);
  assert.deepEqual(groupMeans(values, groups), [1, 0, 0.5]);
  close(est.stderr, standardError([1, 0, 0.5]));
  assert.equal(est.ciMethod, "t");
});

Deno.test("estimateMean() takes the t interval of repeated samples over items: t(0.975, items − 1)", () => {
  // 3 items × 2 attempts; item means 0.55, 0.45, 0.65: sd 0.1, stderr 0.1/√3.
  const est = estimateMean([0.5, 0.6, 0.4, 0.5, 0.6, 0.7], { groups: [0, 0, 1, 1, 2, 2] });
  const stderr = 0.1 / Math.sqrt(3);
  close(est.stderr, stderr);
  // t(0.975, 2) = 4.3027 from the tables, not t(0.975, 5) = 2.5706 (attempts are not independent).
  close(est.ci95[0], 0.55 - 4.302653 * stderr);
  close(est.ci95[1], 0.55 + 4.302653 * stderr);
});
