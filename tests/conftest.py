"""Suite-wide test settings.

Hypothesis runs derandomised: the examples a property test tries are derived
from the test itself, not from a random seed, so a run on a fresh clone or in
CI tries exactly what the last green run tried and cannot fail by chance.
No deadlines and no too-slow health check either: the machine's load must not
decide a result.  `HYPOTHESIS_PROFILE=explore` searches randomly, for use by
hand when hunting for new counterexamples.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_NOT_BY_LOAD = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile("deterministic", derandomize=True, deadline=None, print_blob=True,
                          suppress_health_check=_NOT_BY_LOAD, database=None)
settings.register_profile("explore", deadline=None, suppress_health_check=_NOT_BY_LOAD)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))
