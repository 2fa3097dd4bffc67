"""The partner's page in the dashboard also edits the Zalo contacts of the producer and of its co-op.

Oscar's form edits the partner's name and address. Here it carries, beside them, the fields of the
Zalo channel's own forms (``zalo.profiles.ProducerZaloForm`` and ``CoopZaloForm``, the ones
producers and co-ops use on their screens), so the phone and OA id are checked by the same rules
wherever they are typed, and saved only into those fields.
"""

from oscar.apps.dashboard.partners.forms import *  # noqa: F403  (Oscar's way to fork a forms module)
from oscar.apps.dashboard.partners.forms import PartnerAddressForm as OscarPartnerAddressForm

from zalo.profiles import CoopZaloForm, ProducerZaloForm


class PartnerAddressForm(OscarPartnerAddressForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partner = self.instance.partner
        data = self.data if self.is_bound else None
        self.zalo_forms = [ProducerZaloForm(data, instance=partner, prefix="zalo")]
        if partner.coop_id:
            self.zalo_forms.append(CoopZaloForm(data, instance=partner.coop, prefix="coop"))
        for form in self.zalo_forms:
            for name, field in form.fields.items():
                if form is not self.zalo_forms[0]:
                    field.label = f"{partner.coop.name} · {field.label}"
                self.fields[form.add_prefix(name)] = field
                self.initial[form.add_prefix(name)] = form.initial.get(name, "")

    def clean(self):
        """Each Zalo form validates its own fields (the model's rules too); its errors show here."""
        cleaned_data = super().clean()
        for form in self.zalo_forms:
            for name, errors in ({} if form.is_valid() else form.errors).items():
                key = form.add_prefix(name) if name in form.fields else None
                if key not in self.errors:
                    self.add_error(key, errors)
        return cleaned_data

    def save(self, commit=True):
        address = super().save(commit=commit)
        for form in self.zalo_forms:
            if form.is_valid():
                form.save(commit=False)
                form.instance.save(update_fields=list(form.fields))
        return address
