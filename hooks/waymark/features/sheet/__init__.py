"""The referral sheet (/sheet/): services and options a worker picks, printed or copied as text."""
