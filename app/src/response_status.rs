//! Setting the HTTP status of the page being rendered. Only the server has a response; in
//! the browser this does nothing.

#[cfg(feature = "ssr")]
pub fn set_response_status(code: u16) {
    use leptos_axum::ResponseOptions;
    if let (Some(response), Ok(status)) = (
        leptos::prelude::use_context::<ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
}

#[cfg(not(feature = "ssr"))]
pub fn set_response_status(_code: u16) {}
