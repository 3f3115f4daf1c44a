"""The regional digest: a weekly email of new offerings for a region or municipality."""
