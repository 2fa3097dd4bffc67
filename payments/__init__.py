"""Payments: VietQR bank transfers and Stripe cards, settled by verified notifications."""
