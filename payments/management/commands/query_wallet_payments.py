"""Ask the wallets (MoMo, ZaloPay) about payments whose notification has not come, and about refunds
they have not finished (run periodically)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from payments import selectors
from payments.registry import wallet_of
from payments.wallet_results import WalletError, wallet_requests_to_query
from payments.wallet_views import query_and_apply


class Command(BaseCommand):
    help = "Query the wallets about late wallet payments and unfinished refunds, and apply the answers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--after-seconds", type=int, default=None, help="Override WALLET_QUERY_AFTER_SECONDS."
        )

    def handle(self, *args, after_seconds=None, **options):
        after = timedelta(seconds=settings.WALLET_QUERY_AFTER_SECONDS if after_seconds is None else after_seconds)
        outcomes = []
        for wallet_request in wallet_requests_to_query(older_than=after, now=timezone.now()):
            payment = wallet_request.payment
            wallet = wallet_of(payment.method)
            if wallet is None or not wallet.configured():
                continue
            try:
                outcome = query_and_apply(payment=payment, wallet=wallet)
            except WalletError as error:
                outcome = f"unreachable ({error.message})"
            outcomes.append(f"{payment.order.number}: {outcome}")
        for under_way in selectors.refunds_under_way():
            wallet = wallet_of(under_way.payment.method)
            if wallet is None or not wallet.configured() or not hasattr(wallet, "check_refund"):
                continue
            try:
                outcome = wallet.check_refund(under_way=under_way)
            except WalletError as error:
                outcome = f"unreachable ({error.message})"
            outcomes.append(f"{under_way.payment.order.number} refund {under_way.wallet_refund_id}: {outcome}")
        lines = "".join(f"\n{line}" for line in outcomes)
        self.stdout.write(f"queried {len(outcomes)} wallet payment(s) and refund(s){lines}")
