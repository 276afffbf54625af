"""The verbs of the funds app, split by subject: ``budget`` (预算与调整), ``expenses`` (支出审批),
``income`` (收入入账), ``reversal`` (红字冲销), ``audits`` (经审) and ``publication`` (公开). What they share lives
in ``common``."""
