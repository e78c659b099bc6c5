"""The scenario reader remembers the tag PyYAML's resolver gives each plain scalar (DESIGN §7:
compare at the cost of parsing); it must give the tags PyYAML gives, the first time and after."""

from __future__ import annotations

import pytest
import yaml

from dealcalc.scenario.yamlio import _Loader

SCALARS = ["550 USD bn", "15%", "2025-09-04", "yes", "No", "0o17", "01363", "1:30", "1.5e+3", "1.5", "~"]
SCALARS += ["null", "", "-3", "+25%", ".inf", "text", "'15'", '"2025-09-04"', "2024"]


@pytest.mark.parametrize("text", SCALARS)
def test_tags_are_pyyaml_s_every_time(text: str) -> None:
    document = f"key: {text}\n"

    def tag(loader: type[yaml.CSafeLoader]) -> str:
        node = yaml.compose(document, Loader=loader)
        assert isinstance(node, yaml.MappingNode)
        return str(node.value[0][1].tag)

    expected = tag(yaml.CSafeLoader)
    for _ in range(2):  # resolved, then remembered
        assert tag(_Loader) == expected


@pytest.mark.parametrize("text", ["1e3", "1.5e3", "-2E-2", "1_000e3"])
def test_an_exponent_without_a_dot_is_a_number(text: str) -> None:
    """YAML 1.1 reads `1e3` as text (it wants `1.0e3`); the reader takes it as the number
    a user means, every time."""
    for _ in range(2):
        node = yaml.compose(f"key: {text}\n", Loader=_Loader)
        assert isinstance(node, yaml.MappingNode)
        assert node.value[0][1].tag == "tag:yaml.org,2002:float"
