import sys
from pathlib import Path

# The oracles live beside the tests, as plain modules.
sys.path.insert(0, str(Path(__file__).parent))
