"""`almenviden serve` on a port that is already taken says so in Danish, without a traceback."""

import socket

from conftest import SHIPPED, run_cli


def test_serve_on_a_busy_port_explains_instead_of_crashing():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = run_cli("serve", "--catalogue", str(SHIPPED), "-a", f"127.0.0.1:{port}", timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert f"kunne ikke starte på 127.0.0.1:{port}" in output and "vælg en anden port" in output
