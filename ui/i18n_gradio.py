"""Vietnamese for Gradio's own interface strings (upload areas, chat buttons, table menus, toasts …).

Gradio ships no Vietnamese; these are handed to its front end as custom translations (``gr.I18n``) and the
page switches Gradio's locale with the interface language. Keys are Gradio's (``section.key``); a key left
out falls back to Gradio's English."""

from __future__ import annotations

GRADIO_VI: dict[str, str] = {
    # common
    "common.clear": "Xoá", "common.download": "Tải xuống", "common.download_all": "Tải tất cả",
    "common.edit": "Sửa", "common.empty": "Trống", "common.error": "Lỗi", "common.loading": "Đang tải",
    "common.or": "hoặc", "common.remove": "Bỏ", "common.settings": "Cài đặt", "common.share": "Chia sẻ",
    "common.submit": "Gửi", "common.undo": "Hoàn tác", "common.language": "Ngôn ngữ",
    "common.display_theme": "Giao diện", "common.progress": "Tiến độ", "common.run": "Chạy",
    "common.built_with": "xây dựng bằng", "common.built_with_gradio": "Xây dựng bằng Gradio",
    "common.hosted_on": "Chạy trên", "common.logo": "biểu trưng", "common.runs": "Lượt chạy",
    "common.back_to_app": "Ứng dụng", "common.back_to_app_description": "Quay lại ứng dụng",
    "common.runs_description": "Các lượt chạy lưu trong trình duyệt này", "common.no_devices": "Không có thiết bị",
    # upload areas
    "upload_text.click_to_upload": "Bấm để chọn tệp", "upload_text.drop_file": "Thả tệp vào đây",
    "upload_text.drop_csv": "Thả tệp CSV vào đây", "upload_text.drop_image": "Thả ảnh vào đây",
    "upload_text.drop_audio": "Thả tệp âm thanh vào đây", "upload_text.drop_video": "Thả video vào đây",
    "upload_text.drop_gallery": "Thả tệp vào đây", "upload_text.paste_clipboard": "Dán từ bộ nhớ tạm",
    "file.uploading": "Đang tải lên…",
    # chat
    "chatbot.copy_message": "Sao chép tin nhắn", "chatbot.copied_message": "Đã sao chép",
    "chatbot.like": "Hữu ích", "chatbot.dislike": "Chưa đúng", "chatbot.clear": "Xoá hội thoại",
    "chatbot.retry": "Thử lại", "chatbot.undo": "Hoàn tác", "chatbot.edit": "Sửa", "chatbot.submit": "Gửi",
    "chatbot.cancel": "Huỷ", "chatbot.complete": "Xong",
    "chat_interface.conversation": "Hội thoại", "chat_interface.chatbot": "Hội thoại",
    "chat_interface.new_chat": "Hội thoại mới", "chat_interface.message_placeholder": "Nhập câu hỏi…",
    # tables
    "dataframe.sort_column": "Sắp xếp cột", "dataframe.sort_ascending": "Tăng dần",
    "dataframe.sort_descending": "Giảm dần", "dataframe.clear_sort": "Bỏ sắp xếp", "dataframe.filter": "Lọc",
    "dataframe.clear_filter": "Bỏ lọc", "dataframe.new_row": "Thêm dòng", "dataframe.new_column": "Thêm cột",
    # status, connection, errors
    "status.queue_position": "Đang chờ: {position}/{size}",
    "blocks.lost_connection": "Mất kết nối; đang kết nối lại…",
    "blocks.waiting_for_inputs": "Đang chờ tải tệp lên xong, hãy thử lại.",
    "blocks.long_requests_queue": "Đang có nhiều yêu cầu chờ xử lý.",
    "blocks.connection_can_break": "Trên điện thoại, kết nối có thể bị ngắt nếu chuyển sang ứng dụng khác.",
    "errors.use_via_api": "Dùng qua API", "errors.use_via_api_or_mcp": "Dùng qua API hoặc MCP",
    "errors.contact_page_author": "Hãy báo cho người quản trị trang.",
    "dropdown.dropdown": "Danh sách chọn", "radio.radio": "Lựa chọn", "checkbox.checkbox": "Hộp chọn",
    "number.number": "Số",
}
