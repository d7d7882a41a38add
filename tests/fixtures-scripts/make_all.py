"""Regenerate every golden fixture: /usr/bin/python3 tests/fixtures-scripts/make_all.py

Each family script asserts its own cross-checks and refuses to write a file that fails them,
so a clean run of this script is itself the validation of the fixtures.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import make_broadcast  # noqa: E402
import make_digits_lbfgs  # noqa: E402
import make_fused  # noqa: E402
import make_losses  # noqa: E402
import make_optimizers  # noqa: E402
import make_whole_tensor  # noqa: E402

if __name__ == "__main__":
    make_losses.main()
    make_optimizers.main()
    make_fused.main()
    make_digits_lbfgs.main()
    make_broadcast.main()
    make_whole_tensor.main()
