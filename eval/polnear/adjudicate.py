#!/usr/bin/env python3
"""Speaker precision and recall on PolNeAR dev, as score.py counts them and after the hand
adjudication in adjudicated.tsv.

score.py judges a speaker right when its surname occurs in the gold source span or in the
*automatic* CoreNLP coreference names of that span. For pronoun and role sources ("he said",
"the mayor said") that coreference is often missing or wrong, so a right answer can be scored
wrong. adjudicated.tsv lists, for every prediction score.py scored wrong, whether a reader judges
it right, and why. An entry applies only while the prediction is unchanged (same article, same
gold quote, same speaker); anything new prints as unadjudicated.

    cargo run --release --example polnear_eval -- CORPUS_DIR /tmp/pred.jsonl
    python3 eval/polnear/adjudicate.py CORPUS_DIR /tmp/pred.jsonl
"""
import json
import os
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    corpus, pred_path = sys.argv[1], sys.argv[2]
    sys.path.insert(0, corpus)
    import score  # the corpus's own scorer: same matching, same speaker test

    here = os.path.dirname(os.path.abspath(__file__))
    verdicts = {}
    with open(os.path.join(here, "adjudicated.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            art, start, speaker, verdict, _reason = line.rstrip("\n").split("\t")
            verdicts[(art, int(start), speaker)] = verdict

    preds = {}
    with open(pred_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                preds[o["id"]] = o.get("quotes", [])

    named = scored_ok = adj_ok = gold_spk = 0
    unadjudicated = []
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".gold.json"):
            continue
        g = json.load(open(os.path.join(corpus, name), encoding="utf-8"))
        text = open(os.path.join(corpus, g["text_file"]), encoding="utf-8").read()
        gold, pred = g["quotes"], preds.get(g["id"], [])
        for gi, pi in score.match(text, gold, pred):
            gq, p = gold[gi], pred[pi]
            if not gq["speaker"]:
                continue
            gold_spk += 1
            if p.get("speaker") is None:
                continue
            named += 1
            if score.speaker_ok(p["speaker"], gq):
                scored_ok += 1
                adj_ok += 1
                continue
            v = verdicts.get((g["id"], gq["start"], p["speaker"]))
            if v == "right":
                adj_ok += 1
            elif v is None:
                unadjudicated.append((g["id"], gq["start"], p["speaker"], gq["speaker"]))

    def pr(ok):
        return ok / named if named else 0.0, ok / gold_spk if gold_spk else 0.0

    p, r = pr(scored_ok)
    print("as score.py counts: speaker precision %.3f (%d/%d), recall %.3f (%d/%d)"
          % (p, scored_ok, named, r, scored_ok, gold_spk))
    p, r = pr(adj_ok)
    print("after adjudication: speaker precision %.3f (%d/%d), recall %.3f (%d/%d)"
          % (p, adj_ok, named, r, adj_ok, gold_spk))
    for art, start, ours, theirs in unadjudicated:
        print("unadjudicated: %s @%d ours=%r gold=%r" % (art, start, ours, theirs))
    if unadjudicated:
        print("%d predictions scored wrong are not in adjudicated.tsv (counted wrong)"
              % len(unadjudicated))


if __name__ == "__main__":
    main()
