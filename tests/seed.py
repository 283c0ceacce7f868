"""Where the tests find the seed article: ../shared/seed beside the repository, or the
project's own byte-for-byte copy (articles/demo/seed.txt) in a clone without shared/."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_SEED = REPO_ROOT.parent / "shared" / "seed" / "000_aaff81e488369d2b.txt"
SEED_PATH = SHARED_SEED if SHARED_SEED.exists() else REPO_ROOT / "articles" / "demo" / "seed.txt"
