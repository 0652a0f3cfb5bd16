import pytest

from dlings.catalog import CatalogError, load_catalog


def test_loads_entries_in_order(curriculum):
    catalog = load_catalog(curriculum.root)
    assert [ex.name for ex in catalog] == ["first", "second", "third"]
    assert catalog.get("second").hints == ("first hint", "second hint")
    assert catalog.get("first").timeout == 10.0


def _error(curriculum) -> str:
    with pytest.raises(CatalogError) as info:
        load_catalog(curriculum.root)
    return str(info.value)


def test_duplicate_name_names_both_lines(curriculum):
    curriculum.entries.append('[[exercises]]\nname = "first"\ndir = "01_demo"\nhints = ["h"]\n')
    curriculum.write_info()
    message = _error(curriculum)
    assert "info.toml:23" in message and "already used at line 5" in message


def test_bad_toml_reports_the_line(curriculum):
    (curriculum.root / "info.toml").write_text('format_version = 1\n[[exercises]]\nname = "x\n')
    message = _error(curriculum)
    assert "not valid TOML" in message and "line 3" in message


def test_missing_check_file_is_named(curriculum):
    (curriculum.root / "checks" / "01_demo" / "test_second.py").unlink()
    message = _error(curriculum)
    assert "info.toml:11" in message and "checks/01_demo/test_second.py" in message


@pytest.mark.parametrize("folder", ["../escape", "01_demo/../../x", "demo", "/abs"])
def test_dir_cannot_escape(curriculum, folder):
    curriculum.entries[0] = curriculum.entries[0].replace('dir = "01_demo"', f'dir = "{folder}"')
    curriculum.write_info()
    assert "no slashes or '..'" in _error(curriculum)


def test_unknown_key_and_need(curriculum):
    curriculum.entries[1] += 'colour = "red"\n'
    curriculum.entries[2] += 'needs = ["quantum"]\n'
    curriculum.write_info()
    message = _error(curriculum)
    assert "unknown key(s) colour" in message
    assert "needs 'quantum'" in message


def test_unknown_weights_are_named(curriculum):
    curriculum.entries[0] += 'needs = ["weights:resnet181"]\n'
    curriculum.write_info()
    message = _error(curriculum)
    assert "needs 'weights:resnet181'" in message and "resnet18" in message


def test_bad_timeout(curriculum):
    curriculum.entries[0] += "timeout = -3\n"
    curriculum.write_info()
    assert "timeout of 'first'" in _error(curriculum)


def test_wrong_format_version(curriculum):
    path = curriculum.root / "info.toml"
    path.write_text(path.read_text().replace("format_version = 1", "format_version = 9"))
    assert "format_version is 9" in _error(curriculum)


def test_unknown_name_suggests_close_ones(curriculum):
    catalog = load_catalog(curriculum.root)
    with pytest.raises(KeyError) as info:
        catalog.get("secnd")
    assert "Did you mean second" in info.value.args[0]


def test_authoring_documents_every_field_as_the_schema_defines_it():
    """docs/AUTHORING.md shows the table generated from the schema the parser validates with."""
    from conftest import REPO

    from dlings.catalog import ENTRY_FIELDS, field_table

    text = (REPO / "docs" / "AUTHORING.md").read_text(encoding="utf-8")
    start = text.index("<!-- fields:")
    shown = text[text.index("-->", start) + 3:text.index("<!-- end of fields -->")].strip()
    assert shown == field_table(), ("docs/AUTHORING.md's field table differs from dlings.catalog.ENTRY_FIELDS; "
                                    "paste the output of dlings.catalog.field_table() between its markers")
    for field in ENTRY_FIELDS:
        assert field.doc.strip() and "\n" not in field.doc, f"{field.key}: one line of documentation"


def test_every_schema_field_is_checked_by_the_parser(tmp_path):
    """A wrong type in any field is refused with a message that names the field."""
    from dlings.catalog import ENTRY_FIELDS, CatalogError, load_catalog

    wrong = {"string": "3", "list of strings": "7", "number": '"ten"', "integer": "1.5"}
    for field in ENTRY_FIELDS:
        entry = {"name": '"ex"', "dir": '"01_demo"', field.key: wrong[field.kind]}
        body = "\n".join(f"{k} = {v}" for k, v in entry.items())
        (tmp_path / "info.toml").write_text(f"format_version = 1\n\n[[exercises]]\n{body}\n")
        with pytest.raises(CatalogError, match=field.key):
            load_catalog(tmp_path, check_files=False)
