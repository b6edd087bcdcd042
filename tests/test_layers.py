"""The apps import one another in one direction, in plain sight.

The layers themselves are import-linter's contract (``[tool.importlinter]`` in pyproject.toml, run by
``make lint`` and CI). An import inside a function is how a cycle hides from a reader: import-linter
sees it, but it is also the first thing written to get round a layer. None names another app.
"""

import ast
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def project_apps():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return set(config["root_packages"])


def nested_imports(tree):
    """``(line, module)`` of every import inside a function or a method."""
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if in_function and isinstance(child, ast.Import):
                found.extend((child.lineno, alias.name) for alias in child.names)
            elif in_function and isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.extend([(child.lineno, child.module)])
            visit(child, nested)

    visit(tree, False)
    return found


def cross_app_nested_imports(apps):
    crossing = []
    for app in sorted(apps):
        for path in sorted((ROOT / app).rglob("*.py")):
            tree = ast.parse(path.read_text(), filename=str(path))
            for line, module in nested_imports(tree):
                top = module.split(".")[0]
                if top in apps and top != app:
                    crossing.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return crossing


def test_the_contract_covers_every_app():
    """Every app of the project among the installed apps is one of the contract's roots."""
    apps = {name for name in settings.INSTALLED_APPS if (ROOT / name / "__init__.py").exists()}
    assert apps <= project_apps(), sorted(apps - project_apps())


def test_no_function_level_import_names_another_app():
    assert cross_app_nested_imports(project_apps()) == []


def test_the_check_finds_a_function_level_import():
    """The check itself: an import of another app inside a function is reported, one of its own app's
    or at module level is not."""
    source = "from pages import registry\n\ndef f():\n    from search import service\n    from . import x\n"
    assert nested_imports(ast.parse(source)) == [(4, "search")]
