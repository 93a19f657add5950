/* Stand-ins for the GSSAPI (Kerberos) functions of static release builds.
 *
 * Debian's libgit2.a can authenticate HTTP remotes with Kerberos (SPNEGO) through
 * GSSAPI, which no system ships as an archive. Logbook reads local history only and
 * never talks to a remote, so a release links these instead of libgssapi_krb5.so (which
 * a bare Debian or Ubuntu lacks): each fails the way GSSAPI does when it has no
 * mechanism, and libgit2 would report that as an authentication error. */
typedef unsigned int OM_uint32;
#define LOGBOOK_GSS_S_FAILURE (13u << 16)

static OM_uint32 no_gssapi(OM_uint32* minor) {
  if (minor) *minor = 0;
  return LOGBOOK_GSS_S_FAILURE;
}

void* GSS_C_NT_HOSTBASED_SERVICE = 0;

OM_uint32 gss_display_status(OM_uint32* minor, OM_uint32 status, int type, void* mech, OM_uint32* context, void* text) {
  (void)status, (void)type, (void)mech, (void)context, (void)text;
  return no_gssapi(minor);
}
OM_uint32 gss_release_buffer(OM_uint32* minor, void* buffer) { (void)buffer; return no_gssapi(minor); }
OM_uint32 gss_delete_sec_context(OM_uint32* minor, void* context, void* token) {
  (void)context, (void)token;
  return no_gssapi(minor);
}
OM_uint32 gss_import_name(OM_uint32* minor, void* name_buffer, void* name_type, void* name) {
  (void)name_buffer, (void)name_type, (void)name;
  return no_gssapi(minor);
}
OM_uint32 gss_release_name(OM_uint32* minor, void* name) { (void)name; return no_gssapi(minor); }
OM_uint32 gss_init_sec_context(OM_uint32* minor, void* credential, void* context, void* target, void* mech, OM_uint32 flags,
                               OM_uint32 time, void* bindings, void* input, void* actual_mech, void* output,
                               OM_uint32* ret_flags, OM_uint32* time_rec) {
  (void)credential, (void)context, (void)target, (void)mech, (void)flags, (void)time, (void)bindings, (void)input;
  (void)actual_mech, (void)output, (void)ret_flags, (void)time_rec;
  return no_gssapi(minor);
}
OM_uint32 gss_indicate_mechs(OM_uint32* minor, void* mechs) { (void)mechs; return no_gssapi(minor); }
OM_uint32 gss_release_oid_set(OM_uint32* minor, void* set) { (void)set; return no_gssapi(minor); }
