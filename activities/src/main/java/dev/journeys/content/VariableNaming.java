package dev.journeys.content;

/** How a template version names its variables. */
public enum VariableNaming {
  /**
   * {@code {{customer.firstName}}}, {@code {{event.cartTotal}}}, {@code {{message.key}}}, {@code
   * {{unsubscribeUrl}}}: what the event sent can never stand where the profile's value belongs.
   * Every version stored from now on.
   */
  NAMESPACED,

  /**
   * {@code {{firstName}}}, {@code {{cartTotal}}}: versions stored before namespaces. They keep
   * rendering, with the profile's fields ({@link TemplateVariables#PROFILE_FIELDS}) taken from the
   * profile only, whatever the event carries.
   */
  FLAT
}
