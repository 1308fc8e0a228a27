"""The claim store's folder: factlint writes only inside a folder of its own, marked with a
CACHEDIR.TAG and a .gitignore, and refuses any other place (`store = "notes.txt"` must never
replace the user's notes)."""
from __future__ import annotations

from pathlib import Path

TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a cache made by factlint (its claim store); deleting it loses nothing.\n"
_OWN = ("CACHEDIR.TAG", ".gitignore")


class StoreRefused(Exception):
    """The configured store path is not a place factlint may write to."""


def claim_folder(folder: Path, name: str = "claims.sqlite3") -> None:
    """Make `folder` the store's own, or refuse.  A folder is ours when it carries our
    CACHEDIR.TAG, or is new, or holds nothing but store files (a store made before the tag)."""
    tag = folder / "CACHEDIR.TAG"
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise StoreRefused(f"{folder} is not a folder factlint made")
    if folder.is_dir():
        try:
            if tag.is_file() and tag.read_text(encoding="utf-8", errors="replace").startswith(TAG.splitlines()[0]) \
                    and "factlint" in tag.read_text(encoding="utf-8", errors="replace"):
                return
            names = [p.name for p in folder.iterdir()]
        except OSError as exc:
            raise StoreRefused(f"{folder}: {exc.strerror or exc}") from exc
        if any(not n.startswith(name) and n not in _OWN for n in names):
            raise StoreRefused(f"{folder} holds files that are not factlint's; give `store` a path in a folder of its own")
    folder.mkdir(parents=True, exist_ok=True)
    tag.write_text(TAG, encoding="utf-8")
    (folder / ".gitignore").write_text("# made by factlint: the claim store is a cache\n*\n", encoding="utf-8")
