"""The production recipe starts the worker beside the site, and stops it with the site."""

import configparser
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"


def unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(UNITS / name)
    return parser


def test_each_unit_runs_a_script_of_the_checkout():
    for name, script in (("archivo-web.service", "serve"), ("archivo-worker.service", "worker")):
        service = unit(name)["Service"]
        assert service["ExecStart"] == f"{service['WorkingDirectory']}/scripts/{script}"
        assert os.access(ROOT / "scripts" / script, os.X_OK)
        assert service["EnvironmentFile"] == "/etc/archivo/env"


def test_the_worker_starts_and_stops_with_the_site():
    worker = unit("archivo-worker.service")
    assert worker["Unit"]["PartOf"] == "archivo-web.service"
    assert worker["Install"]["WantedBy"] == "archivo-web.service"
    assert "archivo-worker.service" in unit("archivo-web.service")["Unit"]["Wants"]
    # systemd's stop is SIGTERM: the worker puts its job back and exits well before the SIGKILL.
    assert worker["Service"]["KillSignal"] == "SIGTERM"
