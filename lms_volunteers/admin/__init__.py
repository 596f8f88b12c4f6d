"""The union's staff in the Wagtail admin, one module per subject: volunteers,
qualifications, pledges, shifts, hours and letters of service; wagtail_hooks
registers them.

Staff move volunteers through the pipeline and grant qualifications by hand, each
time with a reason; they plan shifts, approve hours and revoke letters. Coordinators
of the School read all of it.
"""
