"""
An import-linter contract type: a private module is imported only from its
own package.

``hcc_report.model._counts`` may be imported by ``hcc_report.model`` and
the modules under it, not by ``hcc_report.styles``: the package's public
modules are what the rest of the library uses. A top-level private module
(``hcc_report._checks``) belongs to the whole package. ``nox -s lint``
runs it with the layers contract (``[tool.importlinter]`` in
pyproject.toml).
"""

from __future__ import annotations

from typing import Any

from importlinter import Contract, ContractCheck, fields, output


def _is_private(module: str) -> bool:
    last = module.rpartition(".")[2]
    return last.startswith("_") and not last.startswith("__")


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


class PrivateModulesContract(Contract):
    """
    No module imports a private module of another package.
    """

    #: The package whose private modules are checked.
    container = fields.StringField()

    def check(self, graph: Any, verbose: bool) -> ContractCheck:
        """
        Find every import of a private module from outside its package.
        """
        del verbose
        broken = [
            (importer, module)
            for module in sorted(graph.modules)
            if module.startswith(self.container) and _is_private(module)
            for importer in sorted(
                graph.find_modules_that_directly_import(module)
            )
            if not _within(importer, module.rpartition(".")[0])
        ]
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        """
        Name each import that breaks the contract.
        """
        for importer, module in check.metadata["broken"]:
            output.print_error(
                f"{importer} imports {module}, private to its own package"
            )
            output.new_line()
