"""Rebuild the grouping corpus (docs/grouping.md) from its manifest, without any article text.

    .venv/bin/python bench/grouping_corpus.py texts ANSWERS TEXTS  # <id>.txt from saved answers
    .venv/bin/python bench/grouping_corpus.py rebuild TEXTS        # check them, write gold.json
    .venv/bin/python bench/grouping_corpus.py record GOLD TEXTS    # after re-annotating

The articles are third-party text, so the repository keeps only ``bench/grouping_corpus.json``:
for each article the search query, the result's URL and rank, the excerpt's length in UTF-8
bytes and its SHA-256; for each gold event every field but the anchor, which is kept as
character offsets into the text (``start``, ``end``) and the SHA-256 of the anchor. The texts
are re-created with the search tool (docs/grouping.md, "Re-creating the corpus") into a folder
outside the repository; ``rebuild`` refuses a text whose length or hash differs, so a gold file
is only ever written against the very texts it was annotated on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

MANIFEST = Path(__file__).resolve().parent / "grouping_corpus.json"


class CorpusError(Exception):
    """A text or an answer that does not match the manifest; the message says which and how."""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def span(text: str, phrase: str, where: str) -> dict[str, Any]:
    """Where ``phrase`` first occurs in ``text``, as offsets and the phrase's hash."""
    start = text.find(phrase)
    if start < 0:
        raise CorpusError(f"{where}: {phrase!r} does not occur in the text")
    return {"start": start, "end": start + len(phrase), "sha256": sha256(phrase)}


def phrase_at(text: str, place: Mapping[str, Any], where: str) -> str:
    """The phrase a recorded span points at, checked against its hash."""
    phrase = text[place["start"] : place["end"]]
    if sha256(phrase) != place["sha256"]:
        raise CorpusError(
            f"{where}: the text at {place['start']}..{place['end']} is not the recorded anchor"
        )
    return phrase


def check_text(article: Mapping[str, Any], text: str) -> None:
    """Refuse a text that is not, byte for byte, the one the manifest was recorded on."""
    name = f"{article['id']}.txt"
    size = len(text.encode("utf-8"))
    if size != article["bytes"] or sha256(text) != article["sha256"]:
        raise CorpusError(
            f"{name} is not the recorded excerpt: {size} bytes, SHA-256 {sha256(text)}; "
            f"expected {article['bytes']} bytes, SHA-256 {article['sha256']}. Re-create it from "
            f"the result at rank {article['rank']} whose address is {article['url']} "
            "(docs/grouping.md, 'Re-creating the corpus'), verbatim, UTF-8, no newline added."
        )


def record(
    gold: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str],
    ranks: Mapping[str, int],
) -> list[dict[str, Any]]:
    """The manifest of an annotated corpus: anchors and not_events become offsets and hashes."""
    articles = []
    for row in gold:
        if row["id"] not in texts:
            raise CorpusError(f"{row['id']}.txt is missing")
        text = texts[row["id"]]
        events = []
        for number, event in enumerate(row["events"]):
            where = f"{row['id']} event {number}"
            fields = {key: value for key, value in event.items() if key != "anchor"}
            events.append(fields | {"anchor": span(text, event["anchor"], where)})
        articles.append(
            {
                "id": row["id"],
                "publisher": row["publisher"],
                "published": row["published"],
                "query": row["query"],
                "url": row["url"],
                "rank": ranks[row["id"]],
                "bytes": len(text.encode("utf-8")),
                "sha256": sha256(text),
                "events": events,
                "not_events": [
                    span(text, phrase, f"{row['id']} not_event")
                    for phrase in row.get("not_events", ())
                ],
            }
        )
    return articles


def rebuild(manifest: Sequence[Mapping[str, Any]], texts: Mapping[str, str]) -> list[dict]:
    """The gold file, in the development set's format, from the manifest and the checked texts."""
    gold = []
    for article in manifest:
        name = f"{article['id']}.txt"
        if article["id"] not in texts:
            raise CorpusError(f"{name} is missing; re-create it (docs/grouping.md)")
        text = texts[article["id"]]
        check_text(article, text)
        events = []
        for number, event in enumerate(article["events"]):
            anchor = phrase_at(text, event["anchor"], f"{article['id']} event {number}")
            events.append({**event, "anchor": anchor})
        row = {key: article[key] for key in ("id", "url", "query", "publisher", "published")} | {
            "events": events
        }
        if article["not_events"]:
            row["not_events"] = [
                phrase_at(text, place, f"{article['id']} not_event")
                for place in article["not_events"]
            ]
        gold.append(row)
    return gold


def texts_from_answers(
    manifest: Sequence[Mapping[str, Any]], answers: Sequence[Mapping[str, Any]]
) -> dict[str, str]:
    """Each article's text: the excerpt of the saved result at its URL and rank, checked."""
    texts = {}
    for article in manifest:
        found = [
            row
            for row in answers
            if row.get("id") == article["id"] and row.get("url") == article["url"]
        ]
        if not found:
            raise CorpusError(f"{article['id']}: no saved result with the address {article['url']}")
        texts[article["id"]] = found[0]["excerpt"]
        check_text(article, texts[article["id"]])
    return texts


def _read_texts(folder: Path, ids: Sequence[str]) -> dict[str, str]:
    found = {}
    for ident in ids:
        path = folder / f"{ident}.txt"
        if path.exists():
            found[ident] = path.read_bytes().decode("utf-8")
    return found


def _load_manifest(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["articles"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    commands = parser.add_subparsers(dest="command", required=True)
    write = commands.add_parser("texts", help="write <id>.txt from a saved answers.json")
    write.add_argument("answers", type=Path)
    write.add_argument("texts", type=Path)
    build = commands.add_parser("rebuild", help="check the texts and write gold.json")
    build.add_argument("texts", type=Path)
    build.add_argument("--out", type=Path, help="default: TEXTS/gold.json")
    note = commands.add_parser("record", help="write a new manifest from GOLD and TEXTS")
    note.add_argument("gold", type=Path)
    note.add_argument("texts", type=Path, help="the texts and the answers.json they came from")
    arguments = parser.parse_args(argv)
    try:
        if arguments.command == "texts":
            answers = json.loads(arguments.answers.read_text(encoding="utf-8"))
            texts = texts_from_answers(_load_manifest(arguments.manifest), answers)
            for ident, text in texts.items():
                (arguments.texts / f"{ident}.txt").write_bytes(text.encode("utf-8"))
            print(f"wrote {len(texts)} texts to {arguments.texts}")
        elif arguments.command == "rebuild":
            manifest = _load_manifest(arguments.manifest)
            texts = _read_texts(arguments.texts, [article["id"] for article in manifest])
            gold = rebuild(manifest, texts)
            out = arguments.out or arguments.texts / "gold.json"
            out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            events = sum(len(row["events"]) for row in gold)
            print(f"checked {len(gold)} texts; wrote {out} ({events} events)")
        else:
            gold = json.loads(arguments.gold.read_text(encoding="utf-8"))
            answers = json.loads((arguments.texts / "answers.json").read_text(encoding="utf-8"))
            texts = _read_texts(arguments.texts, [row["id"] for row in gold])
            ranks = {row["id"]: row["rank"] for row in answers}
            manifest = {"articles": record(gold, texts, ranks)}
            arguments.manifest.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
            print(f"recorded {len(gold)} articles in {arguments.manifest}")
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
