"""The producer portal: producers keep their own products, photos, stock and order lines."""
