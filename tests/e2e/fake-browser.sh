#!/bin/sh
# Plays the merchant in the browser: open the authorize URL and follow the
# fake BASE's redirect (it approves at once) back to Juchu's loopback receiver.
exec curl -s -L -o /dev/null "$1"
