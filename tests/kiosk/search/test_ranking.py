"""Ranking for short queries: 自然人, terminal-doable, short names, whole words, then views."""

from __future__ import annotations

from pathlib import Path

from catalogue_factory import item, make_catalogue

from kiosk.catalogue.reader import Catalogue


def codes(path: Path, query: str, views: dict[str, float] | None = None) -> list[str]:
    with Catalogue.open(path, views=views or {}) as cat:
        return [h.summary.code for h in cat.search(query)]


def test_short_initials_prefer_residents_items(tmp_path: Path) -> None:
    path = make_catalogue(tmp_path / "c.sqlite", [
        item("FP", "红字增值税专用发票信息表开具", service_object=["法人"], terminal_complete=True),
        item("HZ", "普通护照签发", service_object=["自然人"]),
    ])
    assert codes(path, "hz")[0] == "HZ"


def test_short_initials_prefer_terminal_items_then_shorter_names(tmp_path: Path) -> None:
    path = make_catalogue(tmp_path / "c.sqlite", [
        item("LONG", "社会保障卡信息变更及其他相关事项办理", terminal_complete=True),
        item("WIN", "社保证明", terminal_complete=False),
        item("SHORT", "社保查询", terminal_complete=True),
    ])
    assert codes(path, "sb") == ["SHORT", "LONG", "WIN"]


def test_whole_words_beat_chance_letters_mid_name(tmp_path: Path) -> None:
    path = make_catalogue(tmp_path / "c.sqlite", [
        item("MID", "门诊特定病种待遇资格确认"),  # 特定病种: "db" by chance across two words
        item("DB", "最低生活保障待遇确认"),  # 低保 through the lexicon
    ])
    assert codes(path, "db")[0] == "DB"


def test_social_security_card_is_found_early_for_sb(tmp_path: Path) -> None:
    rows = [item(f"X{i:03}", f"建设工程施工许可第{i}号变更") for i in range(150)]
    rows.append(item("SBK", "社会保障卡挂失"))
    path = make_catalogue(tmp_path / "c.sqlite", rows)
    assert "SBK" in codes(path, "sb")[:5]


def test_view_counts_break_ties(tmp_path: Path) -> None:
    path = make_catalogue(tmp_path / "c.sqlite", [
        item("A", "婚姻登记预约"), item("B", "婚姻登记查询")])
    assert codes(path, "hy")[:2] == ["A", "B"]
    assert codes(path, "hy", {"B": 3.0})[:2] == ["B", "A"]


def test_curated_hot_rank_still_leads(tmp_path: Path) -> None:
    path = make_catalogue(tmp_path / "c.sqlite", [
        item("A", "社保查询"), item("B", "社保缴费明细查询和打印", hot=1)])
    assert codes(path, "sb")[0] == "B"
