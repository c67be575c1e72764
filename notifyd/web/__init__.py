"""The web side of notifyd: signed action links in alerts and the console that answers them."""
