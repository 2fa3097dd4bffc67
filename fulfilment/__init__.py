"""Fulfilment: an order's way from payment to the customer's door, one parcel per producer."""
