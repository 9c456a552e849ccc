"""No English left on a Chinese page: every string in code and templates has its Chinese translation,
and the compiled catalogue matches the .po file."""
import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_message_is_translated():
    catalogue = polib.pofile(str(PO))
    missing = [entry.msgid for entry in catalogue if not entry.obsolete and (not entry.translated()
                                                                               or "fuzzy" in entry.flags)]
    assert missing == []


def test_the_compiled_catalogue_matches_the_po_file():
    compiled = gettext.GNUTranslations(open(PO.with_suffix(".mo"), "rb"))
    def compiled_text(entry):  # an entry with a context (pgettext) is looked up with it
        return compiled.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else compiled.gettext(entry.msgid)

    stale = [entry.msgid for entry in polib.pofile(str(PO))
             if entry.translated() and not entry.msgid_plural and compiled_text(entry) != entry.msgstr]
    assert stale == [], "run: python manage.py compilemessages"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext's xgettext")
def test_no_string_in_code_or_templates_lacks_its_msgid(tmp_path):
    """makemessages on a copy of the tree finds no msgid the committed .po lacks."""
    copy = tmp_path / "tree"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "tests",
                                                             "__pycache__", "static"))
    subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete", "-v", "0"],
                   cwd=copy, check=True)
    found = {entry.msgid for entry in polib.pofile(str(copy / PO.relative_to(ROOT)))}
    committed = {entry.msgid for entry in polib.pofile(str(PO)) if entry.translated()}
    assert sorted(found - committed) == [], "run: make messages, then translate the new strings"
