"""Which shipping methods an address can use: domestic rates by province, international rates by country.

Methods are Oscar WeightBased rows edited in the dashboard; with none defined the shop ships free.
"""

from oscar.apps.shipping import repository

from checkout.addresses import province_code_by_name

from .models import WeightBased


class Repository(repository.Repository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        methods = list(WeightBased.objects.prefetch_related("countries", "bands"))
        if not methods:
            return list(self.methods)
        if shipping_addr is None or shipping_addr.country_id is None:
            country = "VN"
        else:
            country = shipping_addr.country.iso_3166_1_a2
        if country == "VN":
            province = province_code_by_name().get(getattr(shipping_addr, "state", "") or "")
            return [m for m in methods if not m.international and m.serves_province(province)]
        return [
            m
            for m in methods
            if m.international and (not m.countries.all() or any(c.pk == country for c in m.countries.all()))
        ]
