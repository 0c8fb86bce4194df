"""`make stress`: the bot under load, faults, a damaged cache and /reload, measured against the real
`coverage-bot run` process on loopback; writes docs/reliability.md (see `python -m stress --help`)."""
