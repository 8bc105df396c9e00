"""Alembic migrations of the ledger's schema, run by ``warledger.store.sql.migrate`` on open.

The directory is located from this package (``Path(__file__).parent``), never from an
alembic.ini beside the working directory, so an installed warledger migrates its databases
the same way a checkout does.
"""
