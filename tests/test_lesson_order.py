"""Lessons in order: P1 ... P10, twins right after their originals, one rule for the menu, the
gallery and ``descent-lab list scenarios``."""

from __future__ import annotations

import re
from dataclasses import replace

from app import scenario as scenario_mod
from app.cli import main
from app.lesson_order import builtin_lessons, lesson_order
from app.scenario import Lesson, Scenario


def _number(tag: str) -> int:
    m = re.fullmatch(r"P(\d+)", tag)
    return int(m.group(1)) if m else 0


def test_builtin_lessons_run_p1_to_p10_with_twins_after_originals():
    listed = builtin_lessons()
    names = [n for n, _ in listed]
    assert sorted(names) == sorted(scenario_mod.builtin_names())
    assert names[0] == scenario_mod.DEFAULT_SCENARIO
    tags = [s.lesson.tag for _, s in listed[1:]]
    numbers = [_number(t) for t in tags]
    assert numbers == sorted(numbers) and numbers[0] == 1 and numbers[-1] == 10
    for name, s in listed:
        if s.lesson.follows:  # a twin (or sequel) comes after its original, same number
            target = names.index(s.lesson.follows)
            assert target < names.index(name)
            assert listed[target][1].lesson.tag == s.lesson.tag
    # the examples of the issue: ReLU before its ELU twin, P1 before the network lab's P9
    assert names.index("p8_tiny_net_relu") == names.index("p8_tiny_net_elu") - 1
    assert names.index("p1_divergence") < names.index("netlab_p9_elu")
    assert names.index("netlab_p9_sigmoid_plateau") == names.index("netlab_p9_elu") - 1
    assert names.index("p9_vanishing") < names.index("netlab_p9_sigmoid_plateau")
    assert names[-1] == "p10_nesterov"


def _scenario(tag: str, follows: str = "", netlab: bool = False) -> Scenario:
    s = Scenario(lesson=Lesson(tag=tag, title=tag, follows=follows))
    return replace(s, netlab={"dataset": "two_moons"} if netlab else None)


def test_order_rule_numbers_netlab_followers_cycles_and_broken_files():
    scenarios = {
        "p10_b": _scenario("P10"),
        "p2_a": _scenario("P2"),
        "netlab_p2": _scenario("P2", netlab=True),
        "p2_twin": _scenario("P2", follows="p2_a"),
        "p2_twin_of_twin": _scenario("P2", follows="p2_twin"),
        "x_loop1": _scenario("P3", follows="x_loop2"),
        "x_loop2": _scenario("P3", follows="x_loop1"),
        "extra": _scenario("Extra"),
        "untagged": _scenario(""),
        "default": _scenario("Tour"),
        "self": _scenario("P4", follows="self"),
        "orphan": _scenario("P4", follows="no_such_lesson"),
    }
    names = [*scenarios, "broken"]
    assert lesson_order(names, scenarios) == [
        "default", "p2_a", "p2_twin", "p2_twin_of_twin", "netlab_p2",
        "x_loop1", "x_loop2", "orphan", "self", "p10_b", "extra", "untagged", "broken"]


def test_cli_lists_scenarios_in_lesson_order(capsys):
    assert main(["list", "scenarios"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out[1:]] == [n for n, _ in builtin_lessons()]


def test_follows_round_trips_through_a_saved_file(tmp_path):
    s = scenario_mod.load("p8_tiny_net_elu")
    assert s.lesson.follows == "p8_tiny_net_relu"
    path = tmp_path / "twin.toml"
    scenario_mod.save(s, path)
    assert scenario_mod.load(path).lesson == s.lesson
