default_app_config = 'tmp.fork.o.order.apps.OrderConfig'
