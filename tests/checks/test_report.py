"""The HTML check report: counts, groups in the booklet's order, escaping."""
import json
import re

import pytest

from conftest import SOURCE
from planbook.checking import load_plan, run_checks
from planbook.findings import Finding
from planbook.report import write_report


@pytest.fixture(scope="module")
def kiyose(tmp_path_factory):
    plan = load_plan(SOURCE)
    found = run_checks(plan)
    path = tmp_path_factory.mktemp("report") / "check-report.html"
    write_report(plan, found, path)
    return plan, found, path.read_text(encoding="utf-8")


def test_counts_at_the_top(kiyose):
    _, found, html = kiyose
    warnings = sum(f.severity == "warning" for f in found)
    assert re.search(rf"警告<b>{warnings}</b>件", html)
    assert re.search(r"エラー<b>0</b>件", html)


def test_grouped_by_policy_in_booklet_order(kiyose):
    plan, found, html = kiyose
    headings = re.findall(r'<h2 id="g\d+">([^<]+)<', html)
    policy = [h for h in headings if h.startswith("施策")]
    label = plan.policy_label(next(p for p in plan.policies if p.code == "432"))
    assert f"{label}　業務変革の推進" in policy
    codes = [re.search(r"(\d{3})　", h).group(1) for h in policy]
    assert codes == sorted(codes)
    assert headings.index("基本理念") < headings.index(policy[0])


def test_every_finding_with_place_and_check(kiyose):
    _, found, html = kiyose
    for f in found:
        assert f.where() in html and f"[{f.code}]" in html
    assert html.count('<td class="where">') == len(found)


def test_self_contained_and_escaped(tmp_path):
    path = tmp_path / "r.html"
    write_report(None, [Finding("load-type", "<script>alert(1)</script> を直してください", "plan.yaml", 3)],
                 path)
    html = path.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "plan.yaml:3" in html and "読み込みの誤り" in html
    assert not re.search(r'<link|src="http', html)


def test_no_findings(tmp_path):
    path = tmp_path / "r.html"
    write_report(None, [], path)
    assert "指摘はありません" in path.read_text(encoding="utf-8")


def test_check_format_html(complete_copy, capsys):
    from helpers import write_sentence
    from planbook.checks.text_doubled import TITLE
    from planbook.cli import main
    write_sentence(complete_copy, "困り事を<script>x</script>相談できるできる窓口で受けます。")
    assert main(["check", str(complete_copy), "--format", "html"]) == 0
    html = capsys.readouterr().out
    assert html.startswith("<!DOCTYPE html>")
    assert "<th>場所</th><th>重さ</th><th>チェック</th><th>内容</th>" in html
    assert '<h2 id="g1">施策111　相談支援体制の充実<' in html
    row = re.search(r"<tr><td><code>text-doubled</code></td><td>([^<]+)</td>\s*"
                    r'<td class="num">(\d+)</td><td class="num">(\d+)</td>', html)
    assert row and row.groups() == (TITLE, "0", "1")
    assert '<td class="where">policies/111.yaml:7:' in html
    assert "<mark>できるできる</mark>" in html
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;相談<mark>" in html


def test_html_of_an_unreadable_source(kiyose_copy, capsys):
    from planbook.cli import main
    (kiyose_copy / "policies/411.yaml").write_bytes("title: 産業\n".encode("cp932"))
    assert main(["check", str(kiyose_copy), "--format", "html"]) == 2
    html = capsys.readouterr().out
    assert "policies/411.yaml:1" in html and "エラー<b>1</b>件" in html
    assert "source を読み込めませんでした" in html


@pytest.fixture
def two_departments(complete_copy):
    """A finding in 施策111 (福祉課) and one in 施策112 (福祉課, 健康推進課)."""
    for rel, old, new in (("policies/111.yaml", "相談でき、", "相談でき、、"),
                          ("policies/112.yaml", "title: 高齢者の暮らしの支援", "title: “高齢者の暮らしの支援”")):
        path = complete_copy / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return complete_copy


def _cli(*args):
    import contextlib
    import io
    from planbook.cli import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_report_shows_the_department_of_every_finding(two_departments, tmp_path):
    plan = load_plan(two_departments)
    path = tmp_path / "r.html"
    write_report(plan, run_checks(plan), path)
    html = path.read_text(encoding="utf-8")
    sections = re.findall(r"<section class=\"group\" data-departments='([^']*)'>\s*<h2[^>]*>(.*?)</h2>", html, re.S)
    owners = {re.search(r"施策 ?[\d-]*(\d{3})", h).group(1): (json.loads(d), re.search(r"担当課：([^<]*)", h).group(1))
              for d, h in sections}
    assert owners["111"] == (["福祉課"], "福祉課")
    assert owners["112"] == (["福祉課", "健康推進課"], "福祉課、健康推進課")
    # one row per department, in plan.yaml's order, with its groups and counts
    rows = re.findall(r"<tr><td>([^<]+)</td><td>(.*?)</td>\s*<td class=\"num\">(\d+)</td><td class=\"num\">(\d+)</td>",
                      html.split('class="by-department"')[1].split("</table>")[0], re.S)
    assert [(r[0], r[3]) for r in rows] == [("福祉課", "2"), ("健康推進課", "1")]
    assert '<option value="健康推進課">' in html and "JSON.parse(s.dataset.departments)" in html


def test_check_json_and_department_filter(two_departments):
    code, out, _ = _cli("check", str(two_departments), "--format", "json")
    found = json.loads(out)["findings"]
    assert code == 0 and {(f["file"], tuple(f["departments"])) for f in found} == {
        ("policies/111.yaml", ("福祉課",)), ("policies/112.yaml", ("福祉課", "健康推進課"))}
    code, out, err = _cli("check", str(two_departments), "--department", "健康推進課")
    assert code == 0 and out.startswith("policies/112.yaml:4") and out.count("\n") == 1
    assert "担当課「健康推進課」の施策の分" in err
    code, out, err = _cli("check", str(two_departments), "--department", "健康推進")
    assert code == 2 and "「健康推進課」のことですか" in err and not out
