"""The shape of the code a newcomer relies on: the layering of the apps and functions short enough to read."""

import ast
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
APPS = ("careerpath", "roles", "pathways", "plans")
LONGEST_FUNCTION = 60  # lines, from `def` to the function's last line


def test_the_layering_holds(capsys):
    """plans → pathways → roles, nothing upward; the project's machinery imports no app (pyproject.toml)."""
    exit_code = lint_imports(no_cache=True, no_logo=True)
    assert exit_code == 0, capsys.readouterr().out


def function_lengths(paths) -> list[tuple[int, str]]:
    """Every function and method in these files, with its length in lines, longest first."""
    lengths = []
    for path in paths:
        where = path.relative_to(ROOT) if ROOT in path.parents else path.name
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lengths.append((node.end_lineno - node.lineno + 1, f"{where}:{node.lineno} {node.name}"))
    return sorted(lengths, reverse=True)


def app_modules() -> list[Path]:
    return [path for app in APPS for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]


def test_no_app_function_is_longer_than_a_screen():
    too_long = [(lines, name) for lines, name in function_lengths(app_modules()) if lines > LONGEST_FUNCTION]
    assert too_long == []


def test_the_length_check_sees_a_long_function(tmp_path):
    module = tmp_path / "long.py"
    module.write_text("def long():\n" + "    x = 1\n" * 70 + "\n\ndef short():\n    return 1\n")
    assert [lines for lines, _name in function_lengths([module])] == [71, 2]
