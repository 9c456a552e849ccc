"""What a page in Chinese may still show in Latin letters."""
import re

# Latin words allowed on a Chinese page: names of formats and standards, not sentences.
ALLOWED_WORDS = {"api", "excel", "pdf", "word", "jpeg", "jpg", "png", "xlsx", "docx", "csv", "ics", "icalendar",
                 "id", "gb", "uscc", "ok", "echarts", "url", "http", "https", "www", "email", "e-mail",
                 "axes"}  # django-axes names its admin section by its package, which no catalogue translates
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’\-]*(?:[ \t]+[A-Za-z][A-Za-z'’\-]*)*")


def english_runs(text: str) -> list[str]:
    """Runs of English words in a page's visible text: two words or more, or one word of four letters or more,
    once the allowed words are left out. Codes like F18, file names and e-mail addresses are not runs."""
    text = re.sub(r"\S+@\S+|\S+\.(?:pdf|xlsx|docx|csv|png|jpe?g|ics)\b", " ", text, flags=re.IGNORECASE)
    found = []
    for match in LATIN_RUN.finditer(text):
        start, end = match.span()
        if (start and text[start - 1].isdigit()) or (end < len(text) and text[end].isdigit()):
            continue  # part of a code (F18, 2026Q3, 321302)
        words = [w for w in match.group().split() if w.lower().strip("'’-") not in ALLOWED_WORDS]
        if len(words) >= 2 or (words and len(words[0]) >= 4):
            found.append(match.group())
    return found
