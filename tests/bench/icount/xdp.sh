#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/icount/xdp: tests/bench/xdp.sh in the deterministic boot, where
# guest time counts instructions (vm/run --icount): XDP frames a second
# through the bond, nbond.ko against bonding.ko, repeatable to the run.
# Results as xdp.json in this boot's RESULTS_DIR.
#
# nbond-vm: timeout 86400

exec "$(dirname "${BASH_SOURCE[0]}")/../xdp.sh"
