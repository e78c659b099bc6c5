"""`dealcalc schema` (an editor's view of the format) and `--debug`."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest
import yaml

from dealcalc.errors import ScenarioError
from dealcalc.scenario import shipped_dir

from conftest import MINIMAL, run


def _as_json(node: Any) -> Any:
    """YAML values as an editor's YAML server hands them to a JSON Schema: dates as text."""
    if isinstance(node, dict):
        return {k: _as_json(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_as_json(v) for v in node]
    return node.isoformat() if isinstance(node, dt.date) else node


@pytest.fixture(scope="module")
def schema() -> Any:
    """One validator for the module: the schema is checked against its metaschema once here
    (`jsonschema.validate` does that on every call, ~0.3 s each)."""
    result = run("schema")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    cls = jsonschema.validators.validator_for(document)
    cls.check_schema(document)
    return cls(document)


@pytest.mark.parametrize("path", sorted(shipped_dir().glob("*.yaml")), ids=lambda p: p.stem)
def test_schema_accepts_every_shipped_scenario(schema: Any, path: Any) -> None:
    schema.validate(_as_json(yaml.safe_load(path.read_text(encoding="utf-8"))))


def test_schema_rejects_what_validation_rejects(schema: Any) -> None:
    doc = _as_json(yaml.safe_load(MINIMAL.read_text(encoding="utf-8")))
    schema.validate(doc)
    doc["pledge"]["anual_cap"] = "10 USD bn"
    with pytest.raises(jsonschema.ValidationError, match="anual_cap"):
        schema.validate(doc)
    doc["pledge"].pop("anual_cap")
    doc["pledge"]["amount"] = 550
    with pytest.raises(jsonschema.ValidationError):
        schema.validate(doc)


def test_schema_to_file(tmp_path: Any) -> None:
    out = tmp_path / "s.json"
    assert run("schema", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "dealcalc scenario (format 1)"


def test_debug_shows_the_exception_for_developers() -> None:
    with pytest.raises(ScenarioError):
        run("--debug", "burden", "tests/bad/bare-money.yaml")
    result = run("burden", "tests/bad/bare-money.yaml")  # and the next run is back to messages
    assert result.exit_code == 1 and "Traceback" not in result.stderr
