"""Printing the 办事指南 slip: layout, devices and the print service."""
