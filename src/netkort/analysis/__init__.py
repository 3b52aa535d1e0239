"""Network measures over plain data (tie strength, diversity, brokerage, layouts).

No Django here: the services hand in records or arrays and store what comes back.
"""
