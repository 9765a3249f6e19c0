#!/usr/bin/env python3
"""Score a `concord brief --format json` output against any gold.json in the
seed-story schema (tests/fixtures/*/gold.json): the same kinds of checks as
score_seed_story.py, driven entirely by the gold file, so stories written
for this project are held to the same bar.

Usage: score_gold.py GOLD.json BRIEF.json [--verbose]
Prints failed checks, then 'NAME: P/T checks'. Exit 0 only if all pass.
"""
import json
import sys

gold = json.load(open(sys.argv[1]))
brief = json.load(open(sys.argv[2]))
verbose = "--verbose" in sys.argv
checks = []


def check(name, ok):
    checks.append((name, bool(ok)))


def base(x):
    return str(x).replace("\\", "/").rsplit("/", 1)[-1]


docs_gold = set(gold["documents"])
stories = brief.get("stories", [])
id2name = {}
for s in stories:
    for a in s.get("articles", []):
        # A JSON Lines record is keyed by its id, a file by its name.
        key = a["id"] if a["id"] in docs_gold else base(a.get("source", a["id"]).split("#")[0])
        id2name[str(a["id"])] = key


def docs(ids):
    return {id2name.get(str(i), base(i)) for i in ids}


for story_docs in gold["stories"]:
    check(f"story {len(story_docs)} docs together", any(docs([a["id"] for a in s["articles"]]) == set(story_docs) for s in stories))
story = max(stories, key=lambda s: len(s.get("articles", [])), default={})
byname = {id2name[str(a["id"])]: a for a in story.get("articles", [])}

for d, info in gold["documents"].items():
    a = byname.get(d, {})
    body = "\n".join(a.get("body_paragraphs", []))
    for b in info.get("boilerplate_lines", []) + info.get("caption_lines", []):
        check(f"{d}: '{b[:30]}' kept out of body", bool(body) and b not in body)
    if "title" in info:
        check(f"{d}: title {str(info['title'])[:30]!r}", a.get("title") == info["title"])
    if info.get("published"):
        check(f"{d}: published {info['published']}", str(a.get("published", "")).startswith(info["published"]))
    if info.get("dateline"):
        check(f"{d}: dateline {info['dateline']}", str(a.get("dateline", "")).upper() == info["dateline"].upper())

syn = [docs(s.get("articles", [])) for s in story.get("syndication", [])]
for g in gold.get("syndication", []):
    check(f"syndication {sorted(g['documents'])}", any(set(g["documents"]) <= s for s in syn))
    if g.get("origin"):
        check(f"syndication origin {g['origin']}", any(set(g["documents"]) <= docs(s["articles"]) and g["origin"].lower() in str(s.get("origin", "")).lower() for s in story.get("syndication", [])))
for pair in gold.get("not_syndicated", []):
    check(f"no false syndication {pair}", not any(set(pair) <= s for s in syn))

ents = story.get("entities", [])


def names_of(e):
    return {str(e.get("name", ""))} | {str(x) for x in e.get("aliases", [])}


for ge in gold.get("entities", []):
    aliases = set(ge["aliases"]) | {ge["canonical"]}
    found = [e for e in ents if names_of(e) & aliases]
    check(f"entity {ge['canonical']} is one entity", len(found) == 1)
    if len(found) == 1 and len(aliases) > 1:
        spelled = {a for a in aliases if any(a in " ".join(a2.get("body_paragraphs", [])) for a2 in byname.values())}
        check(f"entity {ge['canonical']} merges its spellings", spelled <= names_of(found[0]) | {"@" + x for x in []} or len(spelled - names_of(found[0])) == 0)
    if len(found) == 1:
        check(f"entity {ge['canonical']} typed {ge['type']}", str(found[0].get("type", "")).upper() == ge["type"])

claims = story.get("claims", [])
for gc in gold.get("numeric_claims", []):
    want = {float(v) for v in gc["values"]}
    if gc["status"] not in ("agree", "conflict"):
        continue
    cands = [c for c in claims if want <= {float(v["value"]) for v in c.get("values", [])}]
    if gc["status"] == "conflict":
        cands = [c for c in cands if c.get("status") == "conflict"]
    else:
        cands = [c for c in cands if c.get("status") == "agree"]
    ok = False
    for c in cands:
        vmap = {float(v["value"]): docs(v.get("articles", [])) for v in c["values"]}
        if all(vmap.get(float(v), set()) >= set(ds) for v, ds in gc["values"].items()):
            ok = True
    check(f"claim {gc['subject'][:40]} {gc['status']} with its articles", ok)

quotes = story.get("quotes", [])


def norm(t):
    return " ".join("".join(ch.lower() if ch.isalnum() else " " for ch in t.replace("’", "'")).split())


def qdocs(q):
    return docs(q.get("articles", [])) | docs([v.get("article") for v in q.get("variants", [])])


for gq in gold.get("quotes", []):
    key = norm(gq["text"])[:40]
    found = [q for q in quotes if key in norm(q.get("text", "")) or any(key in norm(v.get("text", "")) for v in q.get("variants", []))]
    check(f"quote {gq['text'][:35]!r} is one group", len(found) == 1)
    if len(found) == 1:
        check(f"quote {gq['text'][:35]!r} speaker {gq['speaker']}", gq["speaker"].split()[-1] in str(found[0].get("speaker", "")))
        check(f"quote {gq['text'][:35]!r} spans its articles", qdocs(found[0]) >= set(gq["documents"]))

tl = story.get("timeline", [])
for ev in gold.get("events", []):
    if len(ev["date"]) != 10:
        continue
    hits = [t for t in tl if str(t.get("date", "")) == ev["date"]]
    got = set().union(*[docs(t.get("articles", [])) for t in hits]) if hits else set()
    check(f"timeline {ev['date']} with its articles", got >= set(ev["documents"]))

summ = story.get("summary", [])
check("summary has cited sentences", len(summ) >= 3 and all(s.get("articles") for s in summ))

failed = [n for n, ok in checks if not ok]
for n in failed:
    print("FAIL", n)
name = sys.argv[1].replace("\\", "/").split("/")[-2]
print(f"{name}: {len(checks) - len(failed)}/{len(checks)} checks")
sys.exit(0 if not failed else 1)
