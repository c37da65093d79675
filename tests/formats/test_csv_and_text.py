from pathlib import Path, PurePosixPath

import pytest

from annotator.core import InputError
from annotator.formats.csv_table import read_csv
from annotator.formats.sources import find_sources
from annotator.formats.text import read_text_file

ARTICLE = "قصفت طائرات حربية روسية مدينة حماة"


def read(path, column="text"):
    notes = []
    return list(read_csv(path, None, column, notes)), notes


def test_csv_text_column_id_and_metadata(tmp_path):
    path = tmp_path / "reports.csv"
    path.write_text(
        'id,date,text,agency\nr1,2015-10-01,"' + ARTICLE + ', ""عاجل""\r\nسطر"'
        ",SANA\nr2,2015-10-02,نص ثان,\n",
        encoding="utf-8",
    )
    (first, second), _ = read(path)
    assert first.document.id == "r1"
    assert first.document.text == ARTICLE + ', "عاجل"\r\nسطر'  # quoted CRLF kept as data
    assert first.document.meta == {"date": "2015-10-01", "agency": "SANA"}
    assert (first.line, second.line) == (2, 4)


def test_tsv_semicolons_and_windows_arabic(tmp_path):
    tsv = tmp_path / "a.tsv"
    tsv.write_text(f"text\tsource\n{ARTICLE}, مدينة\tx\n", encoding="utf-8")
    [(record), *_], _ = read(tsv)
    assert record.document.text == f"{ARTICLE}, مدينة" and record.document.id == "a-2"
    semi = tmp_path / "b.csv"
    semi.write_bytes(f"Text;where\n{ARTICLE};حماة\n".encode("cp1256"))
    [record], notes = read(semi)
    assert record.document.meta == {"where": "حماة"} and "cp1256" in notes[0]


def test_long_articles_fit_in_a_cell(tmp_path):
    path = tmp_path / "long.csv"
    long_text = (ARTICLE + " ") * 20_000  # ~700 KB, past the csv module's default limit
    path.write_text(f'text\n"{long_text}"\n', encoding="utf-8")
    [record], _ = read(path)
    assert record.document.text == long_text


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ("title,body\nx,y\n", "no 'text' column .*--text-column", 1),
        ("text,a\nنص,1\nنص آخر,2,3\n", "3 fields, but the header has 2", 3),
        ("text,a\n ,1\n", "empty document", 2),
        ("text\n", "no rows", None),
        ('text\nok\n"unclosed\nmore\n', "not valid CSV", 4),
        ('text\n"a"b\n', "not valid CSV", 2),
    ],
)
def test_bad_csv_names_file_and_line(tmp_path, content, message, line):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as exc:
        read(path)
    assert exc.value.path == str(path)
    if line is not None:
        assert exc.value.line == line


def test_text_file_keeps_bytes_exactly_and_names_itself(tmp_path):
    path = tmp_path / "حماة.txt"
    text = "\u200fAFP: " + ARTICLE + "\r\n<b>ليس HTML</b>\n"
    path.write_bytes(text.encode())
    [record] = read_text_file(path, PurePosixPath("sub/حماة.txt"), None, [])
    assert record.document.text == text
    assert record.document.id == "sub/حماة" and record.document.title == "حماة"


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty file"), (b" \n\r\n", "empty file"), (b"\x00\x01\x02binary", "binary")],
)
def test_bad_text_files(tmp_path, data, message):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as exc:
        list(read_text_file(path, PurePosixPath("x.txt"), None, []))
    assert exc.value.path == str(path)


def test_folders_are_walked_in_order_skipping_hidden_and_unknown_files(tmp_path):
    for name in ["b.txt", "a/c.txt", "a/d.jsonl", ".hidden/e.txt", ".f.txt", "notes.docx", "g.TSV"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [(str(s.name), s.format) for s in find_sources([tmp_path])]
    assert found == [("a/c.txt", "txt"), ("a/d.jsonl", "jsonl"), ("b.txt", "txt"), ("g.TSV", "csv")]
    assert [str(s.name) for s in find_sources([tmp_path], "txt")] == ["a/c.txt", "b.txt"]


def test_missing_empty_and_unknown_inputs(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        find_sources([tmp_path / "missing"])
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "photo.png").write_bytes(b"x")
    with pytest.raises(InputError, match="no files to import"):
        find_sources([tmp_path / "empty"])
    with pytest.raises(InputError, match="give --format"):
        find_sources([tmp_path / "empty" / "photo.png"])
    assert find_sources([Path(tmp_path / "empty" / "photo.png")], "txt")[0].format == "txt"
