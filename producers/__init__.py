default_app_config = 'tmp.fork.p.partner.apps.PartnerConfig'
