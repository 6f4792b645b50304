#!/usr/bin/env python3
"""Audit copydesk's findings the way a desk judges them.

Subcommands
  sample     run `copydesk check --format json` on a folder, draw up to N findings per rule at
             random (seeded) and write a key file (JSONL, one finding per line, with its id).
  render     write reader views from a key file: for each finding the headline, the article around
             it with the flagged words marked ⟦like this⟧, the message and help, and NO rule code.
             Views are split into chunks, one per reader.
  score      read verdict files (JSONL: {"id", "verdict": useful|pedantic|wrong, "reason"}) against a
             key and print per-rule figures and the default severity they support
             (warning >= 80% useful, information >= 50%, hint below).
  retention  for judged findings of one build, say which a second build still raises (same file,
             same rule, overlapping words): the share of useful / pedantic / wrong findings kept,
             and the share useful among the judged findings the second build still raises.

Standard library only. Articles are read from where the key says; copies of copyrighted articles are
never written into the repository (keys hold positions and messages, views go to a folder you name).
"""
import argparse
import collections
import hashlib
import json
import os
import random
import subprocess
import sys

VERDICTS = ("useful", "pedantic", "wrong")


def run_check(binary, paths, date=None):
    cmd = [binary, "check", "--format", "json", "--fail-on", "error"]
    if date:
        cmd += ["--date", date]
    cmd += list(paths)
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"copydesk check failed ({out.returncode}): {out.stderr[:500]}")
    return json.loads(out.stdout)


def findings(report):
    for f in report.get("files", []):
        for d in f.get("diagnostics", []):
            yield f["path"], d


def finding_id(path, d):
    h = hashlib.sha1(f"{os.path.basename(path)}|{d['code']}|{d['byte_range'][0]}|{d['byte_range'][1]}|{d['message']}".encode())
    return h.hexdigest()[:12]


def cmd_sample(a):
    report = run_check(a.bin, a.paths, a.date)
    by_rule = collections.defaultdict(list)
    for path, d in findings(report):
        if a.ext and not path.endswith("." + a.ext):
            continue  # e.g. a corpus folder's own README
        by_rule[d["code"]].append((path, d))
    rng = random.Random(a.seed)
    rows = []
    for code in sorted(by_rule):
        items = sorted(by_rule[code], key=lambda x: (x[0], x[1]["byte_range"][0]))
        pick = items if len(items) <= a.per_rule else rng.sample(items, a.per_rule)
        for path, d in pick:
            rows.append({
                "id": finding_id(path, d), "path": path, "code": d["code"],
                "severity": d["severity"], "message": d["message"], "help": (d.get("fix") or {}).get("title") or d.get("help"),
                "computation": d.get("computation"), "byte_range": d["byte_range"],
                "line": d["start"]["line"], "related": [
                    {"message": r.get("message"), "byte_range": r.get("byte_range")} for r in d.get("related", [])
                ],
            })
    rng.shuffle(rows)
    with open(a.out, "w") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = collections.Counter(r["code"] for r in rows)
    totals = {c: len(v) for c, v in by_rule.items()}
    print(f"wrote {len(rows)} findings to {a.out}")
    for c in sorted(totals):
        print(f"  {c}: {counts[c]} sampled of {totals[c]}")


def load_key(path):
    with open(path) as fh:
        return [json.loads(l) for l in fh if l.strip()]


def view(row, before=2500, after=1500):
    raw = open(row["path"], "rb").read()
    s, e = row["byte_range"]
    lo = max(0, s - before)
    hi = min(len(raw), e + after)
    # widen to line boundaries
    lo = raw.rfind(b"\n", 0, lo) + 1 if lo > 0 else 0
    nl = raw.find(b"\n", hi)
    hi = len(raw) if nl < 0 else nl
    marks = [(s, "⟦"), (e, "⟧")]
    for r in row.get("related") or []:
        br = r.get("byte_range")
        if br and lo <= br[0] and br[1] <= hi and not (br[0] < e and s < br[1]):
            marks += [(br[0], "⟪"), (br[1], "⟫")]
    marks.sort(key=lambda m: m[0])
    out, pos = [], lo
    for at, m in marks:
        if lo <= at <= hi:
            out.append(raw[pos:at].decode("utf-8", "replace"))
            out.append(m)
            pos = at
    out.append(raw[pos:hi].decode("utf-8", "replace"))
    headline = raw.split(b"\n", 1)[0].decode("utf-8", "replace")
    text = "".join(out)
    lines = [f"### Finding {row['id']}", ""]
    lines.append(f"Headline: {headline}")
    lines.append("" if lo == 0 else "(article starts earlier …)")
    lines.append(text)
    lines.append("" if hi == len(raw) else "(… article continues)")
    lines.append("")
    lines.append(f"The tool marks ⟦…⟧ and says: {row['message']}")
    if row.get("computation"):
        lines.append(f"Its working: {row['computation']}")
    if row.get("help"):
        lines.append(f"It suggests: {row['help']}")
    for r in row.get("related") or []:
        if r.get("message"):
            lines.append(f"Related place (marked ⟪…⟫ when shown): {r['message']}")
    lines.append("")
    return "\n".join(lines)


READER_NOTE = """You are an experienced newspaper copy editor. For each finding below, a proofing tool has
marked words in a published article and said what it thinks is wrong. Judge each finding as a desk
editor would, from the article text alone:
- useful: a desk would want this raised (a real error, or a real query worth the reporter's time);
- pedantic: technically defensible but a desk would not want to be bothered (normal news style);
- wrong: the tool is mistaken (misread the text, wrong person, wrong count, not what it says).
Write one JSON object per line to your verdict file:
{"id": "<finding id>", "verdict": "useful|pedantic|wrong", "reason": "<one short sentence>"}
"""


def cmd_render(a):
    rows = load_key(a.key)
    os.makedirs(a.out, exist_ok=True)
    n = max(1, a.chunks)
    for i in range(n):
        part = rows[i::n]
        with open(os.path.join(a.out, f"chunk-{i + 1}.md"), "w") as fh:
            fh.write(READER_NOTE + "\n\n")
            for r in part:
                fh.write(view(r) + "\n---\n\n")
        print(f"{a.out}/chunk-{i + 1}.md: {len(part)} findings")


def load_verdicts(paths):
    v = {}
    for p in paths:
        with open(p) as fh:
            for l in fh:
                l = l.strip()
                if not l:
                    continue
                try:
                    o = json.loads(l)
                except json.JSONDecodeError:
                    continue
                verdict = str(o.get("verdict", "")).lower().strip()
                if verdict in VERDICTS:
                    v[o["id"]] = (verdict, o.get("reason", ""))
    return v


def severity_for(share):
    return "warning" if share >= 0.8 else "information" if share >= 0.5 else "hint"


def cmd_score(a):
    rows = load_key(a.key)
    v = load_verdicts(a.verdicts)
    table = collections.defaultdict(collections.Counter)
    missing = 0
    for r in rows:
        if r["id"] in v:
            table[r["code"]][v[r["id"]][0]] += 1
        else:
            missing += 1
    tot = collections.Counter()
    print(f"{'rule':8} {'useful':>6} {'pedantic':>8} {'wrong':>5} {'n':>4} {'useful%':>7}  supports")
    for code in sorted(table):
        c = table[code]
        n = sum(c.values())
        tot.update(c)
        share = c["useful"] / n if n else 0
        print(f"{code:8} {c['useful']:6} {c['pedantic']:8} {c['wrong']:5} {n:4} {share:7.0%}  {severity_for(share)}")
    n = sum(tot.values())
    if n:
        print(f"{'all':8} {tot['useful']:6} {tot['pedantic']:8} {tot['wrong']:5} {n:4} {tot['useful'] / n:7.0%}")
    if missing:
        print(f"({missing} findings in the key have no verdict)")
    if a.json:
        json.dump({c: dict(table[c]) for c in table}, open(a.json, "w"), indent=1, sort_keys=True)


def cmd_retention(a):
    rows = load_key(a.key)
    v = load_verdicts(a.verdicts)
    report = run_check(a.bin, sorted({r["path"] for r in rows}), a.date)
    now = collections.defaultdict(list)
    for path, d in findings(report):
        now[(os.path.abspath(path), d["code"])].append(d["byte_range"])
    kept = collections.defaultdict(collections.Counter)
    alls = collections.defaultdict(collections.Counter)
    for r in rows:
        if r["id"] not in v:
            continue
        verdict = v[r["id"]][0]
        s, e = r["byte_range"]
        hit = any(bs < max(e, s + 1) and s < max(be, bs + 1) for bs, be in now[(os.path.abspath(r["path"]), r["code"])])
        alls[r["code"]][verdict] += 1
        kept[r["code"]][verdict] += hit
        if a.verbose and ((verdict == "useful" and not hit) or (verdict == "wrong" and hit)):
            print(f"  {'LOST useful' if verdict == 'useful' else 'KEPT wrong'} {r['code']} {os.path.basename(r['path'])}:{r['line']} {r['message'][:90]}")
    tk, ta = collections.Counter(), collections.Counter()
    print(f"{'rule':8} " + " ".join(f"{x + ' kept':>16}" for x in VERDICTS) + "   useful of the kept")
    for code in sorted(alls):
        tk.update(kept[code]); ta.update(alls[code])
        n = sum(kept[code].values())
        share = f"{kept[code]['useful']:>5} of {n:<4} {kept[code]['useful'] / n:4.0%}" if n else "    -"
        print(f"{code:8} " + " ".join(f"{kept[code][x]:>7} of {alls[code][x]:<6}" for x in VERDICTS) + "   " + share)
    print(f"{'all':8} " + " ".join(f"{tk[x]:>7} of {ta[x]:<6}" for x in VERDICTS))
    for x in VERDICTS:
        if ta[x]:
            print(f"{x} kept: {tk[x] / ta[x]:.0%}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("paths", nargs="+")
    s.add_argument("--bin", default="target/release/copydesk")
    s.add_argument("--per-rule", type=int, default=25)
    s.add_argument("--seed", type=int, default=2026)
    s.add_argument("--date")
    s.add_argument("--ext", help="only findings in files with this extension (e.g. txt)")
    s.add_argument("--out", required=True)
    s.set_defaults(f=cmd_sample)
    r = sub.add_parser("render")
    r.add_argument("--key", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--chunks", type=int, default=1)
    r.set_defaults(f=cmd_render)
    c = sub.add_parser("score")
    c.add_argument("--key", required=True)
    c.add_argument("--verdicts", nargs="+", required=True)
    c.add_argument("--json")
    c.set_defaults(f=cmd_score)
    t = sub.add_parser("retention")
    t.add_argument("--key", required=True)
    t.add_argument("--verdicts", nargs="+", required=True)
    t.add_argument("--bin", default="target/release/copydesk")
    t.add_argument("--date")
    t.add_argument("-v", "--verbose", action="store_true")
    t.set_defaults(f=cmd_retention)
    a = p.parse_args()
    a.f(a)


if __name__ == "__main__":
    main()
