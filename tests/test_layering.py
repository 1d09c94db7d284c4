"""The package layering (pyproject.toml [tool.importlinter]): ui > tabs > evals > assistant > index > ingest."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    # lint-imports puts its working directory on sys.path: that is where the root packages are found.
    return subprocess.run([str(LINT_IMPORTS), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_project_keeps_its_layers():
    result = _lint_imports(cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(tmp_path):
    # The same shape as the project's contract: a single-module top layer (like ui.py, seen as an external module)
    # above two packages; the bottom package imports both layers above it.
    (tmp_path / "lyr_top.py").write_text("")
    for package in ("lyr_high", "lyr_low"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "lyr_high" / "b.py").write_text("from lyr_low import c\n")  # downwards: allowed
    (tmp_path / "lyr_low" / "c.py").write_text("")
    (tmp_path / "lyr_low" / "a.py").write_text("from lyr_high import b\nimport lyr_top\n")
    config = tmp_path / "layers.toml"
    config.write_text(
        textwrap.dedent("""\
        [tool.importlinter]
        root_packages = ["lyr_high", "lyr_low"]
        include_external_packages = true

        [[tool.importlinter.contracts]]
        name = "probe layers"
        type = "layers"
        layers = ["lyr_top", "lyr_high", "lyr_low"]
        """)
    )

    result = _lint_imports("--config", str(config), "--no-cache", cwd=tmp_path)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "probe layers BROKEN" in output, output
    assert "lyr_low.a -> lyr_high.b" in output, output
    assert "lyr_low.a -> lyr_top" in output, output
    assert "lyr_high.b -> lyr_low.c" not in output, output
