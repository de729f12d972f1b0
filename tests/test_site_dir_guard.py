"""`almenviden build` never empties a folder that holds something other than an earlier site."""

from conftest import FIXTURES, REPO, make_catalogue, run_cli


def _build(catalogue, site_dir):
    return run_cli("build", "-q", "--catalogue", str(catalogue), "--site-dir", str(site_dir),
                   "-f", str(REPO / "mkdocs.yml"))


def test_a_folder_with_other_files_is_left_untouched(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    documents = tmp_path / "Dokumenter"
    documents.mkdir()
    (documents / "referat.docx").write_bytes(b"vigtigt")
    result = _build(catalogue, documents)
    assert result.returncode == 1
    assert "ikke tom" in result.stderr and "Traceback" not in result.stderr
    assert (documents / "referat.docx").read_bytes() == b"vigtigt"
    assert not (documents / "index.html").exists()


def test_an_earlier_site_and_an_empty_folder_are_fine(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    site = tmp_path / "site"
    site.mkdir()
    assert _build(catalogue, site).returncode == 0
    (site / "gammel.html").write_text("fra sidste build", encoding="utf-8")
    assert _build(catalogue, site).returncode == 0
    assert (site / "index.html").is_file() and not (site / "gammel.html").exists()
