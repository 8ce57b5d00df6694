"""Billing helpers with names that say nothing about their values."""

import json

foo = json.loads("{}")
data2 = load_invoices()
q = 10


def area(w, h):
    r = w * h
    return r


def total(list):
    sum = 0
    for item in list:
        sum += item
    return sum


def summarize(invoices, type="monthly"):
    tmp = load_invoices()
    for stuff in tmp:
        print(stuff)
    obj3 = invoices[0]
    foo_bar = obj3
    with open("invoices.json") as handle:
        id = json.load(handle)
    with lock_invoices() as l:
        pass
    try:
        pass
    except ValueError as v:
        pass
    return foo_bar, id, type


def scale(x, factor):
    return x * factor


class Invoice:
    """One invoice of one customer."""

    def __init__(self, customer, amount):
        self.customer = customer
        self.a = amount
        self.temp = None


def load_invoices():
    return []


def lock_invoices():
    return open("lock")
