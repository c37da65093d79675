"""The team hub: a PostgreSQL database that holds a team's documents, label set, assignments,
every annotator's layer and the gold layer, while each annotator keeps labelling offline in
their own project file (README, "Team hub").

Every layer has one owner, enforced by the server with one role per person and row-level
security (schema.py), so a sync never resolves a conflict: it sends the owner's changed
layers in one server transaction, then takes what is new. Only this package talks to
PostgreSQL (psycopg 3, the optional extra `annotator[hub]`); the rest of annotator works
without it.
"""
