"""The pure helpers of the build benchmark (tests/perf/): formatting, the baselines' pages, the memory sampler.

The benchmark itself is not collected; these check that the instrument reads what it claims. No timings.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
import yaml

from perf import baselines, measure, report, synthetic

MB = 1_000_000


def test_median_ignores_missing_values_and_is_none_without_any():
    assert report.median([3.0, 1.0, 2.0]) == 2.0
    assert report.median([4.0, None, 1.0]) == 2.5
    assert report.median([]) is None
    assert report.median([None]) is None


def test_cell_shows_the_median_then_every_run():
    assert report.cell([12.1, 13.0, 12.3], "s") == "12.30 s [12.10 13.00 12.30]"
    assert report.cell([250.4], "ms") == "250 ms"
    assert report.cell([], "s") == "n/a"
    assert report.cell([2 * 1024 * 150], "KB") == "300 KB"
    assert report.cell([3.3e9, 3.1e9], "bytes") == "3.20 GB [3.30 3.10]"
    assert report.cell([99e6], "bytes") == "99.0 MB"
    assert report.cell([640e6], "bytes") == "640 MB"


def test_ratio_to_two_decimals_or_a_dash():
    assert report.ratio(88.0, 176.0) == "0.50"
    assert report.ratio(34.0, 34.0) == "1.00"
    assert report.ratio(None, 5.0) == "–"
    assert report.ratio(5.0, None) == "–"
    assert report.ratio(5.0, 0) == "–"


def test_unknown_unit_is_an_error():
    with pytest.raises(ValueError):
        report.fmt(1.0, "furlongs")


def test_each_stack_goes_first_in_turn():
    stacks = ["almenviden", "material", "hugo"]
    orders = [report.rotated(stacks, r) for r in range(3)]
    assert [o[0] for o in orders] == stacks
    assert all(sorted(o) == sorted(stacks) for o in orders)
    assert report.rotated(stacks, 3) == stacks


def test_markdown_table_has_a_head_a_rule_and_one_line_per_row():
    lines = report.markdown_table(["a", "bb"], [["1", "2"], ["333", "4"]]).splitlines()
    assert len(lines) == 4
    assert lines[1].startswith("|-") and set(lines[1]) <= {"|", "-"}
    assert all(line.count("|") == 3 for line in lines)


ENTRY = {
    "id": "syn-ide-000001",
    "title": 'Fælles: "kaffe" – og # kage',
    "summary": "Beboere mødes.",
    "body": "Første afsnit.\n\n## Plan\n\nAndet afsnit.\n",
    "audience": ["bestyrelse", "beboere"],
    "steps": [{"title": "Trin et", "text": "Gør det"}],
    "effort": "lav",
}


def test_hugo_page_front_matter_holds_the_exact_title_and_the_text_follows():
    page = baselines.hugo_page(ENTRY)
    assert page.startswith("---\n")
    front, text = page[4:].split("\n---\n", 1)
    assert yaml.safe_load(front) == {"title": ENTRY["title"]}
    assert "Beboere mødes." in text and "Andet afsnit." in text
    assert "- bestyrelse" in text and "- Trin et – Gør det" in text
    assert "lav" not in text  # only the list fields become sections
    assert ENTRY["title"] not in text  # the template writes the title


def test_material_page_has_the_title_as_heading_and_the_same_text_as_hugo():
    page = baselines.material_page(ENTRY)
    title, text = baselines.entry_markdown(ENTRY)
    assert page == f"# {title}\n\n{text}"
    assert baselines.hugo_page(ENTRY).endswith(text)


def test_hugo_project_has_a_page_per_entry_and_one_line_templates(tmp_path):
    ids = synthetic.write_catalogue(tmp_path / "catalogue", 12)
    project = baselines.hugo_project(tmp_path / "catalogue", tmp_path / "hugo")
    for kind, url_dir in baselines.KIND_DIRS.items():
        pages = sorted(p.stem for p in (project / "content" / url_dir).glob("*.md"))
        assert pages == sorted(ids[kind])
    for template in ("_default/single.html", "_default/list.html", "index.html"):
        text = (project / "layouts" / template).read_text(encoding="utf-8")
        assert text.count("\n") == 1 and 'lang="da"' in text and "{{ .Content }}" in text


# A parent that starts two children; each fills `size` bytes, prints its pid and waits for stdin to close.
TREE = textwrap.dedent("""
    import subprocess, sys
    child = ("import os, sys; block = b'x' * int(sys.argv[1]); "
             "print(os.getpid(), flush=True); sys.stdin.read()")
    kids = [subprocess.Popen([sys.executable, "-c", child, sys.argv[1]], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True) for _ in range(2)]
    for kid in kids:
        print(kid.stdout.readline().strip(), flush=True)
    sys.stdin.read()
    for kid in kids:
        kid.stdin.close()
        kid.wait()
""")


def test_tree_sampler_sums_the_memory_of_every_process_in_the_tree():
    size = 60 * MB
    parent = subprocess.Popen([sys.executable, "-c", TREE, str(size)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        kids = [int(parent.stdout.readline()) for _ in range(2)]
        assert set(measure.tree_pids(parent.pid)) == {parent.pid, *kids}
        own = [measure.process_memory(pid) for pid in (parent.pid, *kids)]
        sampler = measure.TreeSampler(parent.pid)
        rss, pss = sampler.sample()
        assert rss >= 2 * size  # both children's blocks: a sum, not the largest process
        assert rss >= sum(r for r, _ in own) * 0.9  # the tree's sum, give or take what changed in between
        assert 0 < pss <= rss
        assert (sampler.peak_rss, sampler.peak_pss) == (rss, pss)
        assert set(sampler.cpu_by_pid) == {parent.pid, *kids}
        assert sampler.tree_cpu > 0  # the children's b"x" * size took some CPU
    finally:
        parent.stdin.close()
        parent.wait()
    assert measure.process_memory(parent.pid) == (0, 0)  # gone: nothing, no error


# A command whose grandchild uses memory and CPU, and writes its own CPU seconds to a file.
BUSY = textwrap.dedent("""
    import subprocess, sys
    grandchild = ("import os, sys; block = b'x' * int(sys.argv[1]); n = sum(range(3_000_000)); "
                  "t = os.times(); open(sys.argv[2], 'w').write(str(t.user + t.system))")
    subprocess.run([sys.executable, "-c", grandchild, sys.argv[1], sys.argv[2]], check=True)
""")


def test_measure_counts_cpu_and_memory_of_waited_for_grandchildren(tmp_path):
    size = 80 * MB
    cpu_file = tmp_path / "cpu"
    m = measure.measure([sys.executable, "-c", BUSY, str(size), str(cpu_file)])
    assert m.largest_rss >= size
    assert m.cpu >= float(cpu_file.read_text())
    assert m.wall > 0 and m.tree_rss > 0 and m.tree_pss > 0
    assert 0 <= m.tree_cpu <= m.cpu + 0.1  # sampled: never more than the kernel's count (tick rounding aside)


def test_measure_fails_loudly_when_the_command_fails():
    with pytest.raises(SystemExit, match="failed"):
        measure.measure([sys.executable, "-c", "raise SystemExit(3)"])


def test_two_commands_in_a_row_add_times_and_keep_the_larger_peak():
    a = measure.Measure(wall=2.0, cpu=1.5, largest_rss=100, tree_rss=300, tree_pss=200, tree_cpu=1.0)
    b = measure.Measure(wall=1.0, cpu=0.5, largest_rss=150, tree_rss=250, tree_pss=220, tree_cpu=0.5)
    assert a + b == measure.Measure(wall=3.0, cpu=2.0, largest_rss=150, tree_rss=300, tree_pss=220, tree_cpu=1.5)


def test_stored_results_of_two_runs_merge_per_size_with_each_stack_from_its_file():
    from perf import bench_build

    def result(n, stacks, skipped):
        return {"n": n, "runs": 1, "order_and_load": [{"run": 1, "order": stacks, "before": [1, 1, 1],
                                                        "after": [1, 1, 1]}],
                "raw": {s: {"cold_wall": [float(len(s))]} for s in stacks},
                "median": {s: {"cold_wall": float(len(s))} for s in stacks}, "skipped": skipped}

    early = [result(100000, ["material", "hugo"], ["serve", "search"])]
    late = [result(100000, ["almenviden"], []), result(10000, ["almenviden"], [])]
    serve_only = [{"n": 100000, "runs": 1, "order_and_load": [], "skipped": [],
                   "raw": {"almenviden": {"serve_page": [0.5], "cold_wall": [99.0]}},
                   "median": {"almenviden": {"serve_page": 0.5, "cold_wall": 99.0}}}]
    merged = bench_build.merge_results([early, late, serve_only])
    assert [r["n"] for r in merged] == [10000, 100000]
    big = merged[1]
    assert sorted(big["raw"]) == ["almenviden", "hugo", "material"]
    assert big["median"]["almenviden"]["cold_wall"] == 10.0  # the first file that has a row gives it
    assert big["median"]["almenviden"]["serve_page"] == 0.5  # a later file adds the rows the first lacks
    assert len(big["order_and_load"]) == 2
    assert big["skipped"] == []  # serve and search were run by the file that ran almenviden
    machine = bench_build.merged_machine([{"cpu": "x", "hugo": None}, {"cpu": "y", "hugo": "0.168.0"}])
    assert machine == {"cpu": "x", "hugo": "0.168.0"}
