"""Bokmål and Nynorsk are complete: a string added without translation fails here.

The messages are extracted afresh from a copy of the source (so the repository's catalogues are not
touched), and every entry must have a translation that is not marked fuzzy.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

SOURCE_FOLDERS = ("portal", "centres", "offerings", "requests", "templates", "locale")
TRANSLATED = ("nb", "nn")


def parse_po(text: str) -> list[dict]:
    """Entries of a .po file as dicts with msgid, msgstr (list) and flags."""
    entries = []
    for block in text.split("\n\n"):
        entry = {"msgid": "", "msgid_plural": None, "msgstr": [], "flags": set()}
        current = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith("msgid_plural "):
                current = "msgid_plural"
                entry["msgid_plural"] = line.split(" ", 1)[1].strip('"')
            elif line.startswith("msgid "):
                current = "msgid"
                entry["msgid"] = line.split(" ", 1)[1].strip('"')
            elif line.startswith("msgstr"):
                current = "msgstr"
                entry["msgstr"].append(line.split(" ", 1)[1].strip('"'))
            elif line.startswith('"') and current:
                if current == "msgstr":
                    entry["msgstr"][-1] += line.strip('"')
                elif current == "msgid":
                    entry["msgid"] += line.strip('"')
        if entry["msgid"]:
            entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory) -> dict[str, list[dict]]:
    if not shutil.which("xgettext"):
        pytest.fail("gettext is not installed (apt-get install gettext)")
    copy = tmp_path_factory.mktemp("source")
    base = Path(settings.BASE_DIR)
    for folder in SOURCE_FOLDERS:
        shutil.copytree(base / folder, copy / folder, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(base / "manage.py", copy / "manage.py")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    languages = [arg for code in TRANSLATED for arg in ("-l", code)]
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *languages, "--no-obsolete", "-v0"],
        cwd=copy,
        env=env,
        check=True,
    )
    return {
        code: parse_po((copy / "locale" / code / "LC_MESSAGES" / "django.po").read_text())
        for code in TRANSLATED
    }


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated(fresh_catalogues, language):
    assert len(fresh_catalogues[language]) > 200  # the extraction really found the strings
    missing = [
        entry["msgid"]
        for entry in fresh_catalogues[language]
        if not all(entry["msgstr"]) or "fuzzy" in entry["flags"]
    ]
    assert missing == [], f"untranslated in {language}: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("nb", "Finn kompetansesentre for kommunen din"),
        ("nn", "Finn kompetansesenter for kommunen din"),
        ("en", "Find competence centres for your municipality"),
    ],
)
def test_pages_render_in_the_chosen_language(language, heading):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/").content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html


@pytest.mark.django_db
def test_bokmal_is_the_default_language(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="nb">' in html


@pytest.mark.django_db
def test_vocabulary_names_follow_the_language():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    assert "Spelavhengnad" in client.get("/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Gambling addiction" in client.get("/").content.decode()


# The glossary (locale/GLOSSARY.md) and Norwegian typography


def glossary_refusals() -> dict[str, list[str]]:
    """Patterns of the words the glossary says not to use, per language (its last column): a
    whole word or phrase, or with "(endings)" every word that starts so."""
    refused: dict[str, list[str]] = {code: [] for code in TRANSLATED}
    glossary = (Path(settings.BASE_DIR) / "locale" / "GLOSSARY.md").read_text()
    for row in glossary.splitlines():
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[3] or cells[3] in {"not", "---"}:
            continue
        for item in cells[3].split(";"):
            code, _, word = item.strip().rpartition(": ")
            stem, has_endings, _ = word.partition("(")
            pattern = rf"(?<!\w){re.escape(stem.strip())}" + ("" if has_endings else r"(?!\w)")
            for language in [code] if code else TRANSLATED:
                refused[language].append(pattern)
    return refused


def test_the_glossary_refuses_the_words_the_issue_found_mixed():
    refused = glossary_refusals()
    assert re.search(refused["nb"][0], "tar imot forespørsler")
    assert re.search(refused["nn"][0], "Send henvendinga")
    assert not any(re.search(pattern, "å svare på førespurnaden") for pattern in refused["nn"])


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogues_follow_the_glossary(fresh_catalogues, language):
    refused = glossary_refusals()[language]
    offending = [
        (pattern, entry["msgid"])
        for entry in fresh_catalogues[language]
        for text in entry["msgstr"]
        for pattern in refused
        if re.search(pattern, text, flags=re.IGNORECASE)
    ]
    assert offending == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_norwegian_quotation_marks_in_bokmal_and_nynorsk(fresh_catalogues, language):
    english_marks = [
        entry["msgid"]
        for entry in fresh_catalogues[language]
        if any("“" in text or "”" in text for text in entry["msgstr"])
    ]
    assert english_marks == []
